using System.Numerics;

namespace GradAssert;

/// <summary>Compares one tensor's analytic gradient with finite differences, element by element or along random directions.</summary>
internal static class TensorComparer
{
    /// <param name="data">The live storage to perturb.</param>
    /// <param name="evaluate">Recomputes the output with the current (perturbed) values.</param>
    /// <param name="directional">Compare along random directions, drilling down element-wise if that fails.</param>
    /// <param name="rng">The directions' source.</param>
    public static TensorFigures Compare<T>(
        GradCheckOptions options, Objective<T> objective, T[] data, IReadOnlyList<int> shape, T[] analytic, Func<Tensor<T>> evaluate,
        bool directional, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var differences = new FiniteDifferences<T>(options, objective, evaluate);
        double scale = 0, valueScale = 0;
        for (int i = 0; i < data.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(double.CreateTruncating(analytic[i])));
            valueScale = Math.Max(valueScale, Math.Abs(double.CreateTruncating(data[i])));
        }

        if (directional && data.Length > options.Directions)
        {
            var figures = new FigureAccumulator(shape, directions: options.Directions);
            double step = FiniteDifferences<T>.StepFor(options, valueScale);
            for (int k = 0; k < options.Directions; k++)
            {
                var direction = new DirectionPerturbation<T>(data, analytic, rng, step);
                figures.Add(k, differences.Check(direction, direction.AnalyticMagnitude));
            }

            var result = Finish(options, figures);
            if (result.Passed)
            {
                return result;
            }
        }

        var elementwise = new FigureAccumulator(shape, directions: 0);
        var element = new ElementPerturbation<T>();
        for (int i = 0; i < data.Length; i++)
        {
            double x = double.CreateTruncating(data[i]);
            element.At(data, i, double.CreateTruncating(analytic[i]), FiniteDifferences<T>.StepFor(options, x));
            elementwise.Add(i, differences.Check(element, scale));
        }

        return Finish(options, elementwise);
    }

    private static TensorFigures Finish(GradCheckOptions options, FigureAccumulator figures) =>
        options.Tolerance.Kind == ToleranceKind.NormalizedDifference
            ? figures.Figures(difference => difference < options.Tolerance.Threshold)
            : figures.Figures();
}
