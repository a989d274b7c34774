using System.Numerics;

namespace GradAssert;

/// <summary>
/// Compares one tensor's analytic gradient with finite differences: element by element (all elements, or a seeded
/// sample of a big tensor), or along random directions with an element-wise drill-down when they disagree.
/// </summary>
internal static class TensorComparer
{
    /// <param name="evaluators">The tensor in the layer under check first; then, for parallel checks, in independent clones.</param>
    /// <param name="directional">Compare along random directions first.</param>
    /// <param name="rng">The source of directions and samples.</param>
    /// <param name="where">The row being measured, for progress reports.</param>
    public static TensorFigures Compare<T>(
        GradCheckOptions options, Objective<T> objective, IReadOnlyList<int> shape, T[] analytic,
        IReadOnlyList<Evaluator<T>> evaluators, bool directional, Rng rng, (string Layer, string Tensor, CheckScope Scope) where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var progress = options.Progress is null ? null : new Action<int, int>((done, total) =>
            options.Progress.Report(new CheckProgress(where.Layer, where.Tensor, where.Scope, done, total)));
        var primary = evaluators[0];
        double scale = 0, valueScale = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(double.CreateTruncating(analytic[i])));
            valueScale = Math.Max(valueScale, Math.Abs(double.CreateTruncating(primary.Data[i])));
        }

        if (directional && analytic.Length > options.Directions)
        {
            var differences = new FiniteDifferences<T>(options, objective, primary.Evaluate);
            var figures = new FigureAccumulator(shape, directions: options.Directions);
            double step = FiniteDifferences<T>.StepFor(options, valueScale);
            progress?.Invoke(0, options.Directions);

            // A direction moves every element at once, so in a network of ReLUs or max-pools it may cross a kink; such a
            // direction proves nothing either way and another is drawn. If too many do, the tensor is checked element-wise.
            int compared = 0;
            for (int attempt = 0; attempt < 4 * options.Directions && compared < options.Directions; attempt++)
            {
                var direction = new DirectionPerturbation<T>(primary.Data, analytic, rng, step);
                var outcome = differences.Check(direction, direction.AnalyticMagnitude, valueScale);
                if (outcome.Status != ElementStatus.Kink)
                {
                    figures.Add(compared++, outcome);
                }
            }

            if (compared == options.Directions)
            {
                var result = Finish(options, figures, analytic.Length);
                progress?.Invoke(options.Directions, options.Directions);
                if (result.Passed)
                {
                    return result;
                }
            }
        }

        int[] indices = Select(options, analytic, rng);
        var outcomes = new ElementOutcome[indices.Length];
        progress?.Invoke(0, indices.Length);
        if (evaluators.Count == 1 || indices.Length < 2 * evaluators.Count)
        {
            CheckRange(options, objective, primary, analytic, scale, valueScale, indices, outcomes, 0, indices.Length, progress);
        }
        else
        {
            // Contiguous ranges, one per copy of the layer; outcomes land by position, so the figures folded below
            // are bitwise those of a serial run.
            int workers = evaluators.Count;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                int from = (int)((long)indices.Length * w / workers);
                int to = (int)((long)indices.Length * (w + 1) / workers);
                CheckRange(options, objective, evaluators[w], analytic, scale, valueScale, indices, outcomes, from, to, progress: null);
            });
        }

        progress?.Invoke(indices.Length, indices.Length);
        var elementwise = new FigureAccumulator(shape, directions: 0);
        for (int k = 0; k < indices.Length; k++)
        {
            elementwise.Add(indices[k], outcomes[k]);
        }

        return Finish(options, elementwise, analytic.Length);
    }

    /// <summary>
    /// Every index, or for a tensor above <see cref="GradCheckOptions.MaxElements"/> in the default mode, a sample of that
    /// many: the largest-magnitude analytic gradients (a quarter of the sample) and a seeded random choice of the rest.
    /// </summary>
    internal static int[] Select<T>(GradCheckOptions options, T[] analytic, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = analytic.Length;
        int budget = options.MaxElements;
        if (options.Mode == CheckMode.Full || n <= budget)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var order = Enumerable.Range(0, n).ToArray();
        var magnitude = analytic.Select(g => -Math.Abs(double.CreateTruncating(g))).ToArray();
        Array.Sort(magnitude, order);
        int largest = budget / 4;

        // A partial Fisher–Yates shuffle of the rest picks the random part.
        for (int i = largest; i < budget; i++)
        {
            int j = rng.NextInt(i, n - 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var chosen = order[..budget];
        Array.Sort(chosen);
        return chosen;
    }

    private static void CheckRange<T>(
        GradCheckOptions options, Objective<T> objective, Evaluator<T> evaluator, T[] analytic, double scale, double valueScale,
        int[] indices, ElementOutcome[] outcomes, int from, int to, Action<int, int>? progress)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int ReportEvery = 512;
        var differences = new FiniteDifferences<T>(options, objective, evaluator.Evaluate);
        var element = new ElementPerturbation<T>();
        var data = evaluator.Data;
        for (int k = from; k < to; k++)
        {
            int i = indices[k];
            double x = double.CreateTruncating(data[i]);
            element.At(data, i, double.CreateTruncating(analytic[i]), FiniteDifferences<T>.StepFor(options, x));
            outcomes[k] = differences.Check(element, scale, valueScale);
            if (progress is not null && (k + 1) % ReportEvery == 0)
            {
                progress(k + 1, indices.Length);
            }
        }
    }

    private static TensorFigures Finish(GradCheckOptions options, FigureAccumulator figures, int length) =>
        options.Tolerance.Kind == ToleranceKind.NormalizedDifference
            ? figures.Figures(length, difference => difference < options.Tolerance.Threshold)
            : figures.Figures(length);
}
