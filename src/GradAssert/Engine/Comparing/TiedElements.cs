using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// Elements at a kink whose values are exactly equal to other elements' are judged together: moving the whole tie at
/// once (the direction 1 on the tied set) is smooth where moving one of them is not, and along it the derivative is the
/// sum of the tied elements' gradients. A max-pool that gives every tied maximum the full gradient (the <c>x == max</c>
/// mask) matches a one-sided slope at each element, so element by element it reads as kinks; its sum over the tie is
/// wrong, and this finds it. A correct backward that gives the tie's gradient to one of them (or shares it) sums right,
/// and its kinks become verified elements. A tie whose common direction is itself a kink (ReLU's zeros) stays as it was.
/// </summary>
internal sealed class TiedElements<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>At most this many ties are measured in one tensor, the first by position; the rest stay kinks.</summary>
    public const int MostTies = 64;

    private readonly RowPlan _plan;
    private readonly Objective<T> _objective;
    private readonly TensorLabel _label;
    private readonly Evaluator<T> _primary;
    private readonly DriftProbe<T>? _drift;

    /// <param name="primary">The tensor in the layer under check.</param>
    public TiedElements(RowPlan plan, Objective<T> objective, TensorLabel label, Evaluator<T> primary, DriftProbe<T>? drift)
    {
        _plan = plan;
        _objective = objective;
        _label = label;
        _primary = primary;
        _drift = drift;
    }

    /// <summary>
    /// Measures every tie holding an element that did not pass alone, and revises those elements when the tie decides:
    /// passed when the tie's summed gradient matches the derivative along it, failed when it does not.
    /// </summary>
    /// <returns>What the ties showed; <see cref="TieReading.None"/> when no such element was tied.</returns>
    public TieReading Revise(T[] analytic, ElementOutcomes outcomes, double scale, double valueScale)
    {
        var ties = Find(outcomes);
        if (ties.Count == 0)
        {
            return TieReading.None;
        }

        var differences = new FiniteDifferences<T>(_plan.Stepping, _objective, _primary.Evaluate, _label) { Drift = _drift };
        var reading = TieReading.None;
        foreach (var tie in ties)
        {
            var direction = new double[analytic.Length];
            double sum = 0;
            foreach (int i in tie.Members)
            {
                direction[i] = 1;
                sum += double.CreateTruncating(analytic[i]);
            }

            var along = new DirectionPerturbation<T>(_primary.Data, analytic, direction, _plan.Stepping.For<T>(Math.Abs(tie.Value)), "a tie", _drift?.Start(_primary.Data));
            var (kinked, outcome) = differences.Measure(along, along.AnalyticMagnitude, valueScale, e => (_plan.Judge.AtPersistentKink(e), _plan.Judge.JudgeAlone(e)));
            if (kinked || outcome.Status is not (ElementStatus.Passed or ElementStatus.Failed))
            {
                continue; // the tie's own direction is a kink (ReLU's zeros), or unverifiable: its elements stay as they were
            }

            // Along the unit direction 1/√m on m elements both sides are the sums scaled by 1/√m.
            double root = Math.Sqrt(tie.Members.Count);
            double together = outcome.Numerical * root;
            if (!Decides(tie, outcomes, together, outcome.Allowed * root, differences, (analytic, scale, valueScale)))
            {
                continue;
            }

            // Each revised element carries an equal share of the tie's error, and of its allowance.
            double allowed = outcome.Allowed * root / tie.Members.Count;
            double share = (sum - together) / tie.Members.Count;
            foreach (int k in tie.Judged)
            {
                double g = double.CreateTruncating(analytic[outcomes.Offset(k)]);
                outcomes.Revise(k, new ElementOutcome(g, g - share, allowed, outcome.Status, outcome.Unresolved));
            }

            reading = reading.With(outcome.Status == ElementStatus.Passed, new TiedSet(tie.Value, tie.Members, sum, together));
        }

        return reading;
    }

    /// <summary>
    /// Whether the tie decides its elements that did not pass alone. One left out as a kink, yes. One that failed alone
    /// only if the point is not differentiable, so that no single element's derivative can stand for it: its slopes jump
    /// (a sort's tied keys), or the derivative along the tie is not the sum of its members' (a median of three equal
    /// values moves with the tie but with none of them alone). In a smooth function with equal values, a failed element
    /// is a bug of its own and the tie leaves it failed.
    /// </summary>
    private bool Decides(Tie tie, ElementOutcomes outcomes, double together, double allowance, FiniteDifferences<T> differences, (T[] Analytic, double Scale, double ValueScale) scales)
    {
        var failed = tie.Judged.Where(k => outcomes.Judged(k).Status != ElementStatus.Kink).ToList();
        if (failed.Count == 0 || NotTheSumOfItsMembers(tie, outcomes, together, allowance))
        {
            return true;
        }

        var element = new ElementPerturbation<T>();
        return failed.All(k =>
        {
            int i = outcomes.Offset(k);
            element.At(_primary.Data, i, double.CreateTruncating(scales.Analytic[i]), _plan.Stepping.For<T>(Math.Abs(tie.Value)));
            return differences.Measure(element, scales.Scale, scales.ValueScale, _plan.Judge.AtPersistentKink);
        });
    }

    /// <summary>Whether the derivative along the tie differs from its compared members' numerical derivatives summed, beyond both allowances.</summary>
    private static bool NotTheSumOfItsMembers(Tie tie, ElementOutcomes outcomes, double together, double allowance)
    {
        if (tie.Positions.Count != tie.Members.Count)
        {
            return false; // a member was not compared (a sampled tensor): its derivative alone is unknown
        }

        double sum = 0;
        foreach (int k in tie.Positions)
        {
            sum += outcomes.Judged(k).Numerical;
            allowance += outcomes.Allowance(k);
        }

        return Math.Abs(together - sum) > allowance;
    }

    /// <summary>
    /// The ties (exactly equal values, at least two) holding an element that did not pass alone, each with its members
    /// (tensor offsets and, where compared, positions) and those elements (positions), the first <see cref="MostTies"/>
    /// by position.
    /// </summary>
    private List<Tie> Find(ElementOutcomes outcomes)
    {
        var byValue = new Dictionary<T, Tie>();
        var data = _primary.Data;
        for (int k = 0; k < outcomes.Count && byValue.Count < MostTies; k++)
        {
            if (outcomes.Judged(k).Status != ElementStatus.Passed && !T.IsNaN(data[outcomes.Offset(k)]))
            {
                T value = data[outcomes.Offset(k)];
                if (!byValue.TryGetValue(value, out var tie))
                {
                    byValue[value] = tie = new Tie(double.CreateTruncating(value));
                }

                tie.Judged.Add(k);
            }
        }

        if (byValue.Count == 0)
        {
            return [];
        }

        for (int i = 0; i < data.Length; i++)
        {
            if (byValue.TryGetValue(data[i], out var tie))
            {
                tie.Members.Add(i);
            }
        }

        for (int k = 0; k < outcomes.Count; k++)
        {
            if (byValue.TryGetValue(data[outcomes.Offset(k)], out var tie))
            {
                tie.Positions.Add(k);
            }
        }

        return byValue.Values.Where(t => t.Members.Count > 1).ToList();
    }

    /// <summary>Elements of one value: all of them (tensor offsets), the compared ones (positions), and those that did not pass alone (positions).</summary>
    private sealed record Tie(double Value)
    {
        public List<int> Members { get; } = [];

        public List<int> Positions { get; } = [];

        public List<int> Judged { get; } = [];
    }
}
