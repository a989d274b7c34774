using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// Compares the tensors of one layer check with finite differences, each into its report row, as the row's plan says:
/// element by element (all elements, or a seeded sample of a big tensor), along random directions with an element-wise
/// drill-down when they disagree, or by the Taylor test. Built once per layer check, for one objective, layer label and
/// scope.
/// </summary>
internal sealed class TensorComparer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int ReportEvery = 512;

    private readonly Objective<T> _objective;
    private readonly string _layer;
    private readonly CheckScope _scope;
    private readonly Rng _rng;

    /// <param name="rng">The source of directions and samples, shared by the tensors in the order they are compared.</param>
    public TensorComparer(Objective<T> objective, string layer, CheckScope scope, Rng rng)
    {
        _objective = objective;
        _layer = layer;
        _scope = scope;
        _rng = rng;
    }

    /// <summary>Re-checks the input, parameters and unperturbed output when an element needs more than one opinion.</summary>
    public DriftProbe<T>? Drift { get; init; }

    /// <summary>Compares one tensor's analytic gradient with finite differences, as <paramref name="plan"/> says.</summary>
    /// <param name="tensor">The tensor's name in the report (the parameter's, or <c>input</c>).</param>
    /// <param name="analytic">The analytic gradient, row-major.</param>
    /// <param name="copies">The tensor in the layer under check first; then, for parallel checks, in independent clones.</param>
    public TensorCheck Compare(RowPlan plan, string tensor, IReadOnlyList<int> shape, T[] analytic, IReadOnlyList<Evaluator<T>> copies)
    {
        var primary = copies[0];
        double scale = 0, valueScale = 0, squares = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            double g = double.CreateTruncating(analytic[i]);
            scale = Math.Max(scale, Math.Abs(g));
            squares += g * g;
            valueScale = Math.Max(valueScale, Math.Abs(double.CreateTruncating(primary.Data[i])));
        }

        double typical = analytic.Length == 0 || !double.IsFinite(squares) ? scale : Math.Sqrt(squares / analytic.Length);

        var taylor = new TensorTaylor<T>(plan, _objective, _layer, _rng) { Drift = Drift };
        var row = new TensorCase<T>(plan, taylor, tensor, shape, analytic, copies, scale, valueScale) { Typical = typical };
        switch (plan.Strategy)
        {
            case RowStrategy.Taylor:
            {
                var tested = taylor.Compare(tensor, shape, analytic, primary, valueScale, _scope);
                if (tested?.Passed == true)
                {
                    return tested;
                }

                // A first-order direction, or too many kinks: element by element, the tests of the tensor kept on the row.
                var drilled = CompareElements(row, review: tested is null);
                return tested?.Taylor is { } whole ? drilled.WithTaylor(whole, tested.TaylorTests.Skip(1)) : drilled;
            }

            case RowStrategy.Directions:
            {
                var directional = CompareAlongDirections(row, out bool blind);
                if (directional?.Passed == true && !(blind && row.Plan.ElementsWhereDirectionsAreBlind))
                {
                    return TensorOpinions.Judge(row, directional, compared: null);
                }

                return CompareElements(row);
            }

            default:
                return CompareElements(row);
        }
    }

    /// <summary>The directional row, or null when too many directions crossed a kink to compare enough of them.</summary>
    /// <param name="blind">
    /// Whether even the most sensitive direction could not have seen one element off by 1%: a unit direction carries
    /// about 1/√n of each element, so an error δ in an element whose gradient is a share s of the typical one moves
    /// ⟨g, d⟩ by δ·s·rms(g)/√n, which must exceed the direction's allowance for δ = s = 1%. Float's noise over a
    /// tensor of more than a few elements hides that (a 32×32 weight with one element 5% off passed 4 of 60 fuzz cases,
    /// and 29 of 441 elements tried); double's does not.
    /// </param>
    private TensorCheck? CompareAlongDirections(TensorCase<T> row, out bool blind)
    {
        blind = false;
        var (plan, tensor, shape, analytic, primary, valueScale) = (row.Plan, row.Tensor, row.Shape, row.Analytic, row.Copies[0], row.ValueScale);
        int directions = plan.Directions;
        var differences = new FiniteDifferences<T>(plan.Stepping, _objective, primary.Evaluate, new TensorLabel(_layer, tensor, shape)) { Drift = Drift };
        var figures = new FigureAccumulator(plan.Tolerance, shape, directions);
        double step = plan.Stepping.For<T>(valueScale);
        Report(plan, tensor, 0, directions);

        // A direction moves every element at once, so in a network of ReLUs or max-pools it may cross a kink; such a
        // direction proves nothing either way and another is drawn. If too many do, the tensor is checked element-wise.
        int compared = 0;
        double leastAllowance = double.PositiveInfinity;
        for (int attempt = 0; attempt < 4 * directions && compared < directions; attempt++)
        {
            var direction = new DirectionPerturbation<T>(primary.Data, analytic, _rng, step, Drift?.Start(primary.Data));
            var outcome = differences.Measure(direction, direction.AnalyticMagnitude, valueScale, plan.Judge.JudgeAlone);
            if (outcome.Status != ElementStatus.Kink)
            {
                figures.Add(compared++, outcome);
                leastAllowance = double.IsNaN(outcome.Allowed) ? leastAllowance : Math.Min(leastAllowance, outcome.Allowed);
            }
        }

        if (compared < directions)
        {
            return null;
        }

        // The wrong element's own gradient may be far below the typical one: the directions must see an element whose
        // gradient is 1% of the typical one off by 1% of it, as comparing it alone would.
        double oneElementOff = ElementCase.Resolving * ElementCase.Resolving * row.Typical / Math.Sqrt(analytic.Length);
        blind = row.Typical > 0 && double.IsFinite(leastAllowance) && leastAllowance >= oneElementOff; // no allowance: the course's rule

        Report(plan, tensor, directions, directions);
        return figures.Row(_layer, tensor, _scope, analytic.Length);
    }

    /// <param name="review">Whether the row gets the Taylor test of the whole tensor (not when Taylor mode already gave it one).</param>
    private TensorCheck CompareElements(TensorCase<T> row, bool review = true)
    {
        var (plan, tensor, shape, analytic, copies) = (row.Plan, row.Tensor, row.Shape, row.Analytic, row.Copies);
        var job = new ElementJob<T>(tensor, shape, analytic, row.Scale, row.ValueScale, Select(plan, analytic, _rng)) { Typical = row.Typical };
        int total = job.Indices.Length;
        Report(plan, tensor, 0, total);

        // With copies of the layer (a parallel check), the workers count together, so the progress observer hears how
        // far the tensor is while they run, not only when it ends.
        var shared = plan.Progress is not null && copies.Count > 1 ? new SharedProgress(done => Report(plan, tensor, done, total), ReportEvery) : null;

        // Groups give the first opinion of most elements from a few evaluations; what they cannot settle is compared
        // alone, exactly as without grouping.
        int reported = 0;
        var grouped = plan.Progress is not null && shared is null ? (Action<int>)(done =>
        {
            if (done / ReportEvery > reported / ReportEvery)
            {
                reported = done;
                Report(plan, tensor, done, total);
            }
        }) : null;
        var alone = new GroupedComparison<T>(plan, _objective, _layer, job, copies).Compare(grouped, shared);
        if (alone is null)
        {
            job.Outcomes.Forget(); // what an abandoned grouping set is compared again, alone
        }

        int count = alone?.Length ?? total;
        int before = total - count;
        shared?.StartAt(before);
        Action<int>? progress = shared is not null ? _ => shared.Advance(1)
            : plan.Progress is not null ? done =>
            {
                if (done % ReportEvery == 0)
                {
                    Report(plan, tensor, before + done, total);
                }
            }
            : null;
        if (copies.Count == 1 || count < 2 * copies.Count)
        {
            CheckRange(plan, job, alone, copies[0], 0, count, progress);
        }
        else
        {
            // Contiguous ranges, one per copy of the layer; outcomes land by position, so the figures folded below
            // are bitwise those of a serial run.
            int workers = copies.Count;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = plan.Stepping.Cancellation }, w =>
            {
                int from = (int)((long)count * w / workers);
                int to = (int)((long)count * (w + 1) / workers);
                CheckRange(plan, job, alone, copies[w], from, to, progress);
            });
        }

        Report(plan, tensor, total, total);
        var compared = Fold(row, job.Outcomes);
        var judged = row with { Ties = new TiedElements<T>(plan, _objective, new TensorLabel(_layer, tensor, shape), copies[0], Drift), Fold = o => Fold(row, o) };
        return review ? TensorOpinions.Judge(judged, compared, job.Outcomes) : compared;
    }

    private TensorCheck Fold(TensorCase<T> row, ElementOutcomes outcomes)
    {
        var figures = new FigureAccumulator(row.Plan.Tolerance, row.Shape, directions: 0);
        figures.AddAll(outcomes);
        return figures.Row(_layer, row.Tensor, _scope, row.Analytic.Length);
    }

    /// <summary>
    /// Every index, or when the plan samples the tensor, a sample of its size: the largest-magnitude analytic gradients
    /// (a quarter of the sample) and a seeded random choice of the rest.
    /// </summary>
    internal static ElementIndices Select(RowPlan plan, T[] analytic, Rng rng)
    {
        int n = analytic.Length;
        if (plan.SampleSize is not { } budget)
        {
            return ElementIndices.All(n);
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
        return ElementIndices.Of(chosen);
    }

    /// <summary>
    /// Compares alone the elements at positions <c>alone[from..to)</c> of <paramref name="job"/> (positions
    /// <c>from..to</c> when <paramref name="alone"/> is null) in one copy of the layer.
    /// </summary>
    /// <param name="progress">Told after each element the position after it; from several workers at once in a parallel check.</param>
    private void CheckRange(RowPlan plan, ElementJob<T> job, int[]? alone, Evaluator<T> copy, int from, int to, Action<int>? progress)
    {
        // Only the layer under check is watched; a clone's drift still shows in its own output.
        var label = new TensorLabel(_layer, job.Tensor, job.Shape);
        var differences = new FiniteDifferences<T>(plan.Stepping, _objective, copy.Evaluate, label, job.Typical) { Drift = from == 0 ? Drift : null };
        var element = new ElementPerturbation<T>();
        Func<DerivativeEvidence, ElementOutcome> judge = plan.Judge.JudgeAlone;
        var data = copy.Data;
        for (int n = from; n < to; n++)
        {
            int k = alone is null ? n : alone[n];
            int i = job.Indices[k];
            double x = double.CreateTruncating(data[i]);
            element.At(data, i, double.CreateTruncating(job.Analytic[i]), plan.Stepping.For<T>(x));
            job.Outcomes[k] = differences.Measure(element, job.Scale, job.ValueScale, judge);
            progress?.Invoke(n + 1);
        }
    }

    private void Report(RowPlan plan, string tensor, int done, int total) =>
        plan.Progress?.Report(new CheckProgress(_layer, tensor, _scope, done, total));
}
