using System.Numerics;

namespace GradAssert.Engine;

/// <summary>
/// The Taylor test of whole tensors: as the comparison of <see cref="CheckMode.Taylor"/> (along the gradient and random
/// directions), as the second opinion on a tensor whose worst element is near its tolerance (along its gradient, where
/// a gradient scaled by 1 + δ shows best: every element adds to it), and for a failing tensor, along its error g − n,
/// for the plot and the order. Built once per layer check, beside its <see cref="TensorComparer{T}"/>.
/// </summary>
internal sealed class TensorTaylor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GradCheckOptions _options;
    private readonly Objective<T> _objective;
    private readonly string _layer;
    private readonly Rng _rng;
    private readonly double _safetyFactor;

    /// <param name="rng">The source of the random directions of <see cref="CheckMode.Taylor"/>.</param>
    public TensorTaylor(GradCheckOptions options, Objective<T> objective, string layer, Rng rng)
    {
        _options = options;
        _objective = objective;
        _layer = layer;
        _rng = rng;
        _safetyFactor = options.Tolerance is ErrorModelTolerance model ? model.SafetyFactor : ErrorModelTolerance.DefaultSafetyFactor;
    }

    /// <summary>Re-checks the input, parameters and unperturbed output around each test.</summary>
    public DriftProbe<T>? Drift { get; init; }

    /// <summary>
    /// The <see cref="CheckMode.Taylor"/> row: the test along the tensor's gradient and <see cref="GradCheckOptions.Directions"/>
    /// random directions, each a direction of the row; null when too many directions crossed a kink or were not smooth.
    /// </summary>
    public TensorCheck? Compare(string tensor, IReadOnlyList<int> shape, T[] analytic, Evaluator<T> primary, double valueScale, CheckScope scope)
    {
        var differences = Differences(tensor, shape, primary);
        var tests = new List<TaylorResult>();
        var figures = new FigureAccumulator(_options.Tolerance, shape, _options.Directions + 1);
        var along = Gradient(analytic);
        for (int attempt = 0; attempt < 4 * (_options.Directions + 1) && tests.Count < _options.Directions + 1; attempt++)
        {
            var direction = along is not null && tests.Count == 0
                ? new DirectionPerturbation<T>(primary.Data, analytic, along, Step(valueScale), "its gradient", Drift?.Start(primary.Data))
                : new DirectionPerturbation<T>(primary.Data, analytic, _rng, Step(valueScale), Drift?.Start(primary.Data));
            var test = differences.Taylor(direction, direction.AnalyticMagnitude, valueScale, _safetyFactor);
            if (test.Verdict is TaylorVerdict.Kink or TaylorVerdict.NotSmooth)
            {
                continue;
            }

            test.Along = tests.Count == 0 && along is not null ? $"{tensor} along its gradient" : $"{tensor} direction {tests.Count + 1}";
            var status = test.Verdict == TaylorVerdict.FirstOrder ? ElementStatus.Failed : ElementStatus.Passed;
            figures.Add(tests.Count, new ElementOutcome(test.Analytic, test.Analytic + test.DerivativeError, test.Allowance, status));
            tests.Add(test);
        }

        if (tests.Count < _options.Directions + 1)
        {
            return null;
        }

        var row = figures.Row(_layer, tensor, scope, analytic.Length);
        row.AddTaylor(tests[0], tests.Skip(1));
        return row;
    }

    /// <summary>
    /// The row after the tensor-level test: a passing row whose worst element was near its tolerance, and none at a kink,
    /// is tested along its gradient (a first-order verdict fails it); a failing row along its error, for the plot and the
    /// order.
    /// </summary>
    /// <param name="compared">
    /// The compared elements' outcomes, for the error direction, already folded into <paramref name="row"/>: a direction
    /// may be written over their storage; null for a directional row.
    /// </param>
    public TensorCheck Review(TensorCheck row, string tensor, IReadOnlyList<int> shape, T[] analytic, Evaluator<T> primary, double valueScale, ElementOutcomes? compared)
    {
        if (row.Taylor is not null || row.Checked == 0 || analytic.Length == 0)
        {
            return row;
        }

        double[]? along;
        string name;
        if (!row.Passed)
        {
            along = compared is not null ? Error(analytic.Length, compared) : null;
            name = "its error g - n";
        }
        else if (_options.SecondOpinion && _options.Tolerance is ErrorModelTolerance && analytic.Length > 1 && row.ErrorToTolerance >= TaylorSecondOpinion.Near
            && row.Kinks == 0)
        {
            // Not across kinks: moved along its whole gradient, a tensor with elements at kinks (max-pool ties, ReLU at 0)
            // bends at θ on both sides, which reads as first order on correct code.
            along = Gradient(analytic, compared?.Spend(analytic.Length));
            name = "its gradient";
        }
        else
        {
            return row;
        }

        if (along is null)
        {
            return row;
        }

        var direction = new DirectionPerturbation<T>(primary.Data, analytic, along, Step(valueScale), name, Drift?.Start(primary.Data));
        var test = Differences(tensor, shape, primary).Taylor(direction, direction.AnalyticMagnitude, valueScale, _safetyFactor);
        test.Along = $"{tensor} along {name}";
        bool decides = row.Passed;
        test.Overturned = decides && test.Verdict == TaylorVerdict.FirstOrder;
        row.AddTaylor(test, decides: decides);
        Drift?.Require($"after the Taylor test of {tensor}");
        return row;
    }

    private FiniteDifferences<T> Differences(string tensor, IReadOnlyList<int> shape, Evaluator<T> primary) =>
        new(_options, _objective, primary.Evaluate, _layer, tensor, shape) { Drift = Drift };

    private double Step(double valueScale) => FiniteDifferences<T>.StepFor(_options, valueScale);

    /// <summary>g scaled by its largest |gᵢ| (so its norm cannot overflow), or null when it is zero.</summary>
    /// <param name="into">Storage of the tensor's length to write it into, or null for new storage.</param>
    private static double[]? Gradient(T[] analytic, double[]? into = null)
    {
        double largest = analytic.Max(g => Math.Abs(double.CreateTruncating(g)));
        if (!(largest > 0 && double.IsFinite(largest)))
        {
            return null;
        }

        var along = into ?? new double[analytic.Length];
        for (int i = 0; i < along.Length; i++)
        {
            along[i] = double.CreateTruncating(analytic[i]) / largest;
        }

        return along;
    }

    /// <summary>
    /// g − n over the compared elements (0 elsewhere), scaled by its largest entry, or null when it is zero. For a
    /// tensor compared in full it is written over the numerical derivatives, each element's over its own.
    /// </summary>
    private static double[]? Error(int length, ElementOutcomes outcomes)
    {
        var error = outcomes.Spend(length) ?? new double[length];
        for (int k = 0; k < outcomes.Count; k++)
        {
            var o = outcomes.Judged(k);
            error[outcomes.Offset(k)] = o.Status == ElementStatus.Kink || !double.IsFinite(o.Analytic - o.Numerical) ? 0 : o.Analytic - o.Numerical;
        }

        double largest = error.Max(Math.Abs);
        if (!(largest > 0))
        {
            return null;
        }

        for (int i = 0; i < error.Length; i++)
        {
            error[i] /= largest;
        }

        return error;
    }
}
