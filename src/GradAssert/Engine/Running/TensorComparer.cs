using System.Numerics;

namespace GradAssert.Engine;

/// <summary>
/// Compares the tensors of one layer check with finite differences, each into its report row: element by element (all
/// elements, or a seeded sample of a big tensor), or along random directions with an element-wise drill-down when they
/// disagree. Built once per layer check, for one objective, layer label and scope.
/// </summary>
internal sealed class TensorComparer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int ReportEvery = 512;

    private readonly GradCheckOptions _options;
    private readonly Objective<T> _objective;
    private readonly string _layer;
    private readonly CheckScope _scope;
    private readonly Rng _rng;
    private readonly bool _directional;
    private readonly bool _reportProgress;
    private readonly bool _overridesApplied;

    /// <param name="rng">The source of directions and samples, shared by the tensors in the order they are compared.</param>
    /// <param name="directional">Compare along random directions first.</param>
    /// <param name="reportProgress">False for comparisons the user did not ask for (the stale-cache check).</param>
    public TensorComparer(
        GradCheckOptions options, Objective<T> objective, string layer, CheckScope scope, Rng rng, bool directional, bool reportProgress = true)
    {
        _options = options;
        _objective = objective;
        _layer = layer;
        _scope = scope;
        _rng = rng;
        _directional = directional;
        _reportProgress = reportProgress && options.Progress is not null;
    }

    private TensorComparer(TensorComparer<T> general, GradCheckOptions options, bool directional)
        : this(options, general._objective, general._layer, general._scope, general._rng, directional, general._reportProgress)
    {
        Drift = general.Drift;
        _overridesApplied = true;
    }

    /// <summary>Re-checks the input, parameters and unperturbed output when an element needs more than one opinion.</summary>
    public DriftProbe<T>? Drift { get; init; }

    /// <summary>The Taylor test of whole tensors (see <see cref="TensorTaylor{T}"/>).</summary>
    private TensorTaylor<T> Taylor => _taylor ??= new(_options, _objective, _layer, _rng) { Drift = Drift };

    private TensorTaylor<T>? _taylor;

    /// <summary>Compares one tensor's analytic gradient with finite differences.</summary>
    /// <param name="tensor">The tensor's name in the report (the parameter's, or <c>input</c>).</param>
    /// <param name="analytic">The analytic gradient, row-major.</param>
    /// <param name="copies">The tensor in the layer under check first; then, for parallel checks, in independent clones.</param>
    public TensorCheck Compare(string tensor, IReadOnlyList<int> shape, T[] analytic, IReadOnlyList<Evaluator<T>> copies)
    {
        if (!_overridesApplied && _options.Overrides.Any(o => o.Matches(_layer, tensor)))
        {
            // This tensor has settings of its own (GradCheckOptions.Overrides): compare it with them.
            var own = _options.For(_layer, tensor);
            bool directional = own.Mode switch { CheckMode.Directional => true, CheckMode.Full => false, _ => _directional };
            return new TensorComparer<T>(this, own, directional).Compare(tensor, shape, analytic, copies);
        }

        var primary = copies[0];
        double scale = 0, valueScale = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(double.CreateTruncating(analytic[i])));
            valueScale = Math.Max(valueScale, Math.Abs(double.CreateTruncating(primary.Data[i])));
        }

        if (_options.Mode == CheckMode.Taylor && analytic.Length > 0)
        {
            var row = Taylor.Compare(tensor, shape, analytic, primary, valueScale, _scope);
            if (row?.Passed == true)
            {
                return row;
            }

            // A first-order direction, or too many kinks: element by element, the tests of the tensor kept on the row.
            var drilled = CompareElements(tensor, shape, analytic, copies, scale, valueScale, review: row is null);
            if (row?.Taylor is { } whole)
            {
                drilled.AddTaylor(whole, row.TaylorTests.Skip(1));
            }

            return drilled;
        }

        if (_directional && analytic.Length > _options.Directions)
        {
            var row = CompareAlongDirections(tensor, shape, analytic, primary, valueScale);
            if (row?.Passed == true)
            {
                return Taylor.Review(row, tensor, shape, analytic, primary, valueScale, compared: null);
            }
        }

        return CompareElements(tensor, shape, analytic, copies, scale, valueScale);
    }

    /// <summary>The directional row, or null when too many directions crossed a kink to compare enough of them.</summary>
    private TensorCheck? CompareAlongDirections(string tensor, IReadOnlyList<int> shape, T[] analytic, Evaluator<T> primary, double valueScale)
    {
        int directions = _options.Directions;
        var differences = new FiniteDifferences<T>(_options, _objective, primary.Evaluate, _layer, tensor, shape) { Drift = Drift };
        var figures = new FigureAccumulator(_options.Tolerance, shape, directions);
        double step = FiniteDifferences<T>.StepFor(_options, valueScale);
        Report(tensor, 0, directions);

        // A direction moves every element at once, so in a network of ReLUs or max-pools it may cross a kink; such a
        // direction proves nothing either way and another is drawn. If too many do, the tensor is checked element-wise.
        int compared = 0;
        for (int attempt = 0; attempt < 4 * directions && compared < directions; attempt++)
        {
            var direction = new DirectionPerturbation<T>(primary.Data, analytic, _rng, step, Drift?.Start(primary.Data));
            var outcome = differences.Check(direction, direction.AnalyticMagnitude, valueScale);
            if (outcome.Status != ElementStatus.Kink)
            {
                figures.Add(compared++, outcome);
            }
        }

        if (compared < directions)
        {
            return null;
        }

        Report(tensor, directions, directions);
        return figures.Row(_layer, tensor, _scope, analytic.Length);
    }

    /// <param name="review">Whether the row gets the Taylor test of the whole tensor (not when Taylor mode already gave it one).</param>
    private TensorCheck CompareElements(
        string tensor, IReadOnlyList<int> shape, T[] analytic, IReadOnlyList<Evaluator<T>> copies, double scale, double valueScale, bool review = true)
    {
        var job = new ElementJob<T>(tensor, shape, analytic, scale, valueScale, Select(_options, analytic, _rng));
        int total = job.Indices.Length;
        Report(tensor, 0, total);

        // Groups give the first opinion of most elements from a few evaluations; what they cannot settle is compared
        // alone, exactly as without grouping.
        int reported = 0;
        var grouped = _reportProgress ? (Action<int>)(done =>
        {
            if (done / ReportEvery > reported / ReportEvery)
            {
                reported = done;
                Report(tensor, done, total);
            }
        }) : null;
        var alone = GroupedComparison.Compare(_options, _objective, job, copies, grouped);
        if (alone is null)
        {
            job.Outcomes.Forget(); // what an abandoned grouping set is compared again, alone
        }

        int count = alone?.Length ?? total;
        int before = total - count;
        if (copies.Count == 1 || count < 2 * copies.Count)
        {
            var progress = _reportProgress ? (Action<int>)(done => Report(tensor, before + done, total)) : null;
            CheckRange(job, alone, copies[0], 0, count, progress);
        }
        else
        {
            // Contiguous ranges, one per copy of the layer; outcomes land by position, so the figures folded below
            // are bitwise those of a serial run.
            int workers = copies.Count;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = _options.Cancellation }, w =>
            {
                int from = (int)((long)count * w / workers);
                int to = (int)((long)count * (w + 1) / workers);
                CheckRange(job, alone, copies[w], from, to, progress: null);
            });
        }

        Report(tensor, total, total);
        var figures = new FigureAccumulator(_options.Tolerance, shape, directions: 0);
        figures.AddAll(job.Outcomes);

        var row = figures.Row(_layer, tensor, _scope, analytic.Length);
        return review ? Taylor.Review(row, tensor, shape, analytic, copies[0], valueScale, job.Outcomes) : row;
    }

    /// <summary>
    /// Every index, or for a tensor above <see cref="GradCheckOptions.MaxElements"/> in the default mode, a sample of that
    /// many: the largest-magnitude analytic gradients (a quarter of the sample) and a seeded random choice of the rest.
    /// </summary>
    internal static ElementIndices Select(GradCheckOptions options, T[] analytic, Rng rng)
    {
        int n = analytic.Length;
        int budget = options.MaxElements;
        if (options.Mode == CheckMode.Full || n <= budget)
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
    private void CheckRange(ElementJob<T> job, int[]? alone, Evaluator<T> copy, int from, int to, Action<int>? progress)
    {
        // Only the layer under check is watched; a clone's drift still shows in its own output.
        var differences = new FiniteDifferences<T>(_options, _objective, copy.Evaluate, _layer, job.Tensor, job.Shape) { Drift = from == 0 ? Drift : null };
        var element = new ElementPerturbation<T>();
        var data = copy.Data;
        for (int n = from; n < to; n++)
        {
            int k = alone is null ? n : alone[n];
            int i = job.Indices[k];
            double x = double.CreateTruncating(data[i]);
            element.At(data, i, double.CreateTruncating(job.Analytic[i]), FiniteDifferences<T>.StepFor(_options, x));
            job.Outcomes[k] = differences.Check(element, job.Scale, job.ValueScale);
            if (progress is not null && (n + 1) % ReportEvery == 0)
            {
                progress(n + 1);
            }
        }
    }

    private void Report(string tensor, int done, int total)
    {
        if (_reportProgress)
        {
            _options.Progress!.Report(new CheckProgress(_layer, tensor, _scope, done, total));
        }
    }
}
