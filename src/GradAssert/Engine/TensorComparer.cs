using System.Numerics;

namespace GradAssert;

/// <summary>Compares one tensor's analytic gradient with finite differences, element by element.</summary>
internal static class TensorComparer
{
    /// <param name="data">The live storage to perturb.</param>
    /// <param name="evaluate">Recomputes the output with the current (perturbed) values.</param>
    public static TensorFigures Compare<T>(
        GradCheckOptions options, Objective<T> objective, T[] data, IReadOnlyList<int> shape, T[] analytic, Func<Tensor<T>> evaluate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var differences = new FiniteDifferences<T>(options, objective, evaluate);
        double gScale = 0;
        foreach (var g in analytic)
        {
            gScale = Math.Max(gScale, Math.Abs(double.CreateTruncating(g)));
        }

        var figures = new FigureAccumulator(shape);
        for (int i = 0; i < data.Length; i++)
        {
            figures.Add(i, differences.Check(data, i, double.CreateTruncating(analytic[i]), gScale));
        }

        return options.Tolerance.Kind == ToleranceKind.NormalizedDifference
            ? figures.Figures(difference => difference < options.Tolerance.Threshold)
            : figures.Figures();
    }
}
