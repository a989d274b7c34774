using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// The Taylor test of whole tensors: as the comparison of <see cref="CheckMode.Taylor"/> (along the gradient and random
/// directions), and along one direction for the tensor opinions that ask for it (<see cref="TensorOpinions"/>). Built
/// for each row, by its <see cref="TensorComparer{T}"/>.
/// </summary>
internal sealed class TensorTaylor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RowPlan _plan;
    private readonly Objective<T> _objective;
    private readonly string _layer;
    private readonly Rng _rng;
    private readonly double _safetyFactor;

    /// <param name="rng">The source of the random directions of <see cref="CheckMode.Taylor"/>.</param>
    public TensorTaylor(RowPlan plan, Objective<T> objective, string layer, Rng rng)
    {
        _plan = plan;
        _objective = objective;
        _layer = layer;
        _rng = rng;
        _safetyFactor = plan.Tolerance.TaylorSafetyFactor;
    }

    /// <summary>Re-checks the input, parameters and unperturbed output around each test.</summary>
    public DriftProbe<T>? Drift { get; init; }

    /// <summary>
    /// The <see cref="RowStrategy.Taylor"/> row: the test along the tensor's gradient and <see cref="RowPlan.Directions"/>
    /// random directions, each a direction of the row; null when too many directions crossed a kink or were not smooth.
    /// </summary>
    public TensorCheck? Compare(string tensor, IReadOnlyList<int> shape, T[] analytic, Evaluator<T> primary, double valueScale, CheckScope scope)
    {
        var differences = Differences(tensor, shape, primary);
        var tests = new List<TaylorResult>();
        var figures = new FigureAccumulator(_plan.Tolerance, shape, _plan.Directions + 1);
        var along = Gradient(analytic);
        for (int attempt = 0; attempt < 4 * (_plan.Directions + 1) && tests.Count < _plan.Directions + 1; attempt++)
        {
            var direction = along is not null && tests.Count == 0
                ? new DirectionPerturbation<T>(primary.Data, analytic, along, Step(valueScale), "its gradient", Drift?.Start(primary.Data))
                : new DirectionPerturbation<T>(primary.Data, analytic, _rng, Step(valueScale), Drift?.Start(primary.Data));
            var test = differences.Measure(direction, direction.AnalyticMagnitude, valueScale, e => TaylorTest.Run(e, _safetyFactor));
            if (test.Verdict is TaylorVerdict.Kink or TaylorVerdict.NotSmooth)
            {
                continue;
            }

            test = test.Named(tests.Count == 0 && along is not null ? $"{tensor} along its gradient" : $"{tensor} direction {tests.Count + 1}");
            var status = test.Verdict == TaylorVerdict.FirstOrder ? ElementStatus.Failed : ElementStatus.Passed;
            figures.Add(tests.Count, new ElementOutcome(test.Analytic, test.Analytic + test.DerivativeError, test.Allowance, status));
            tests.Add(test);
        }

        if (tests.Count < _plan.Directions + 1)
        {
            return null;
        }

        return figures.Row(_layer, tensor, scope, analytic.Length).WithTaylor(tests[0], tests.Skip(1));
    }

    /// <summary>
    /// <paramref name="row"/> with the Taylor test of the whole tensor along <paramref name="along"/> recorded: it decides
    /// (a first-order verdict fails the row) when the row passed, and is kept for the plot and the order otherwise.
    /// </summary>
    /// <param name="along">The direction, any length but not zero.</param>
    /// <param name="name">What the direction is, for messages: <c>its gradient</c>.</param>
    public TensorCheck Test(TensorCheck row, TensorCase<T> c, double[] along, string name)
    {
        var primary = c.Copies[0];
        var direction = new DirectionPerturbation<T>(primary.Data, c.Analytic, along, Step(c.ValueScale), name, Drift?.Start(primary.Data));
        var test = Differences(c.Tensor, c.Shape, primary).Measure(direction, direction.AnalyticMagnitude, c.ValueScale, e => TaylorTest.Run(e, _safetyFactor));
        test = test.Named($"{c.Tensor} along {name}");
        bool decides = row.Passed;
        if (decides && test.Verdict == TaylorVerdict.FirstOrder)
        {
            test = test.Overturning();
        }

        var reviewed = row.WithTaylor(test, decides: decides);
        Drift?.Require($"after the Taylor test of {c.Tensor}");
        return reviewed;
    }

    private FiniteDifferences<T> Differences(string tensor, IReadOnlyList<int> shape, Evaluator<T> primary) =>
        new(_plan.Stepping, _objective, primary.Evaluate, new TensorLabel(_layer, tensor, shape)) { Drift = Drift };

    private double Step(double valueScale) => _plan.Stepping.For<T>(valueScale);

    /// <summary>g scaled by its largest |gᵢ| (so its norm cannot overflow), or null when it is zero.</summary>
    /// <param name="into">Storage of the tensor's length to write it into, or null for new storage.</param>
    internal static double[]? Gradient(T[] analytic, double[]? into = null)
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
}
