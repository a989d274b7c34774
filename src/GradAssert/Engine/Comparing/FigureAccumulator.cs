using GradAssert.Engine.Judging;
using GradAssert.Tensors;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// Folds one tensor's element (or direction) outcomes into its <see cref="TensorCheck"/> row: norms, the worst element,
/// counts, and the tolerance's verdict on the tensor, which may decide which elements count as wrong only once the
/// tensor's norms are known.
/// </summary>
internal sealed class FigureAccumulator
{
    private readonly Tolerance _tolerance;
    private readonly IReadOnlyList<int> _shape;
    private readonly int _directions;
    private readonly List<(int Offset, ElementOutcome Outcome)> _compared = [];
    private ElementOutcomes? _all;
    private readonly SecondOpinionRecord _taylor = new();
    private int _secondOpinions;
    private int _secondOpinionsChanged;
    private (int Offset, ElementOutcome Outcome)? _worst;
    private double _worstBadness = double.NegativeInfinity;
    private int _count;
    private double _analytic2, _numerical2, _error2, _maxAbs;
    private int _kinks;

    /// <param name="directions">The number of random directions compared, or 0 for element-wise comparisons.</param>
    public FigureAccumulator(Tolerance tolerance, IReadOnlyList<int> shape, int directions)
    {
        _tolerance = tolerance;
        _shape = shape;
        _directions = directions;
    }

    public void Add(int offset, ElementOutcome outcome)
    {
        NoteTaylor(offset, outcome);
        if (Fold(outcome))
        {
            _compared.Add((offset, outcome));
            double badness = outcome.Badness;
            if (badness > _worstBadness)
            {
                (_worst, _worstBadness) = ((offset, outcome), badness);
            }
        }
    }

    /// <summary>
    /// Adds every outcome of an element-wise comparison, folded in position order without copying them (a tensor of
    /// millions of elements is folded in place); they must not change until <see cref="Row"/>.
    /// </summary>
    public void AddAll(ElementOutcomes outcomes)
    {
        _all = outcomes;
        for (int k = 0; k < outcomes.Count; k++)
        {
            Fold(outcomes.Judged(k));
        }

        foreach (var (offset, test) in outcomes.TaylorTests)
        {
            _taylor.Add(offset, test);
        }

        // All of them, kept or not.
        _secondOpinions += outcomes.SecondOpinions;
        _secondOpinionsChanged += outcomes.SecondOpinionsChanged;
        _worst = outcomes.Worst;
    }

    /// <summary>Keeps the Taylor test an outcome got as a second opinion, for the row's <see cref="TensorCheck.TaylorTests"/>.</summary>
    private void NoteTaylor(int offset, ElementOutcome outcome)
    {
        if (outcome.Taylor is { } test)
        {
            _taylor.Add(offset, test);
            _secondOpinions++;
            _secondOpinionsChanged += test.Overturned ? 1 : 0;
        }
    }

    /// <summary>Folds an outcome into the norms and counts; false for a kink, which is only counted.</summary>
    private bool Fold(ElementOutcome outcome)
    {
        if (outcome.Status == ElementStatus.Kink)
        {
            _kinks++;
            return false;
        }

        _count++;
        double g = outcome.Analytic, n = outcome.Numerical, e = g - n;
        _analytic2 += g * g;
        _numerical2 += n * n;
        _error2 += e * e;
        if (!(Math.Abs(e) <= _maxAbs))
        {
            _maxAbs = double.IsNaN(e) ? double.NaN : Math.Max(_maxAbs, Math.Abs(e));
        }

        return true;
    }

    /// <summary>The compared (non-kink) outcomes, in the order they were added.</summary>
    private IEnumerable<(int Offset, ElementOutcome Outcome)> Compared()
    {
        foreach (var entry in _compared)
        {
            yield return entry;
        }

        if (_all is { } all)
        {
            for (int k = 0; k < all.Count; k++)
            {
                var outcome = all.Judged(k);
                if (outcome.Status != ElementStatus.Kink)
                {
                    yield return (all.Offset(k), outcome);
                }
            }
        }
    }

    /// <summary>The row of the comparison.</summary>
    /// <param name="length">The tensor's number of elements, to tell a sample from a full check.</param>
    public TensorCheck Row(string layer, string tensor, CheckScope scope, int length)
    {
        var norms = double.IsInfinity(_analytic2) || double.IsInfinity(_numerical2) || double.IsInfinity(_error2)
            ? new TensorNorms(
                NormalizedDifference.Norm(Compared().Select(c => c.Outcome.Analytic)),
                NormalizedDifference.Norm(Compared().Select(c => c.Outcome.Numerical)),
                NormalizedDifference.Norm(Compared().Select(c => c.Outcome.Analytic - c.Outcome.Numerical)),
                _count)
            : new TensorNorms(Math.Sqrt(_analytic2), Math.Sqrt(_numerical2), Math.Sqrt(_error2), _count);
        int wrong = 0, unverifiable = 0, unresolved = 0;
        var (worstOffset, worst) = _worst ?? (-1, default);
        double ratioMin = double.PositiveInfinity, ratioMax = double.NegativeInfinity;
        foreach (var (_, outcome) in Compared())
        {
            unresolved += outcome.Unresolved ? 1 : 0;
            if (outcome.Status == ElementStatus.Unverifiable)
            {
                unverifiable++;
            }
            else if (_tolerance.IsWrong(outcome, norms))
            {
                wrong++;
                double ratio = outcome.Numerical != 0 ? outcome.Analytic / outcome.Numerical : double.NaN;
                ratioMin = double.IsNaN(ratio) ? double.NaN : Math.Min(ratioMin, ratio);
                ratioMax = double.IsNaN(ratio) ? double.NaN : Math.Max(ratioMax, ratio);
            }
        }

        var kept = _taylor.InOrder.Select(t => Named(t.Test, t.Position, tensor)).ToArray();

        return new TensorCheck(layer, tensor, scope, _shape)
        {
            TaylorTests = kept,
            SecondOpinions = _secondOpinions,
            SecondOpinionsChanged = _secondOpinionsChanged,
            JudgedBy = _tolerance,
            Difference = norms.Difference,
            MaxAbsError = _maxAbs,
            WorstIndex = worstOffset < 0 || _directions > 0 ? [] : ShapeMath.Unravel(_shape, worstOffset),
            AnalyticAtWorst = worst.Analytic,
            NumericalAtWorst = worst.Numerical,
            Checked = _count,
            Failed = wrong,
            Unverifiable = unverifiable,
            Unresolved = unresolved,
            Kinks = _kinks,
            Passed = _tolerance.TensorPasses(norms, wrong + unverifiable),
            AnalyticNorm = norms.Analytic,
            NumericalNorm = norms.Numerical,
            ErrorNorm = norms.Error,
            Directions = _directions,
            ConsistentRatio = ConsistentRatio(wrong, ratioMin, ratioMax),
            ErrorToTolerance = _count == 0 ? 0 : _tolerance.ErrorToTolerance(worst, norms),
            Sampled = _directions == 0 && _count + _kinks < length,
            DetectionThreshold = DetectionThreshold(),
        };
    }

    /// <summary>The least allowance / |g| over the compared elements with a gradient (see <see cref="TensorCheck.DetectionThreshold"/>).</summary>
    private double DetectionThreshold()
    {
        double least = double.PositiveInfinity;
        foreach (var (_, outcome) in _compared)
        {
            least = Math.Min(least, Relative(outcome.Allowed, outcome));
        }

        if (_all is { } all)
        {
            for (int k = 0; k < all.Count; k++)
            {
                var outcome = all.Judged(k);
                if (outcome.Status != ElementStatus.Kink)
                {
                    least = Math.Min(least, Relative(all.Allowance(k), outcome));
                }
            }
        }

        return double.IsPositiveInfinity(least) ? double.NaN : least;
    }

    private static double Relative(double allowance, ElementOutcome outcome) =>
        outcome.Status == ElementStatus.Kink || outcome.Analytic == 0 || !(allowance >= 0) || double.IsInfinity(allowance)
            ? double.PositiveInfinity
            : allowance / Math.Abs(outcome.Analytic);

    /// <summary>A kept second opinion named by the element (or direction) at <paramref name="offset"/> it was about.</summary>
    private TaylorResult Named(TaylorResult test, int offset, string tensor)
    {
        if (_directions > 0)
        {
            return test.Named($"{tensor} direction {offset + 1}", []);
        }

        var index = ShapeMath.Unravel(_shape, offset);
        return test.Named(tensor + ShapeMath.Format(index), index);
    }

    /// <summary>
    /// g/n when every wrong element shares it to 0.1% (a scaling bug: a doubled gradient, a missing 1/m, a flipped
    /// sign), else NaN. Needs at least two wrong elements to mean anything.
    /// </summary>
    private static double ConsistentRatio(int wrong, double min, double max)
    {
        if (wrong < 2 || double.IsNaN(min) || double.IsInfinity(min))
        {
            return double.NaN;
        }

        double middle = (min + max) / 2;
        return max - min <= 1e-3 * Math.Abs(middle) ? middle : double.NaN;
    }
}
