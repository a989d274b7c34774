namespace GradAssert;

/// <summary>Folds element outcomes into one tensor's figures: norms, the worst element, counts.</summary>
internal sealed class FigureAccumulator
{
    private readonly IReadOnlyList<int> _shape;
    private readonly int _directions;
    private double _analytic2, _numerical2, _error2, _maxAbs;
    private double _worstBadness = double.NegativeInfinity;
    private int _worstOffset = -1;
    private ElementOutcome _worst;
    private int _checked, _failed, _kinks;
    private double _ratioMin = double.PositiveInfinity, _ratioMax = double.NegativeInfinity;

    /// <param name="directions">The number of random directions compared, or 0 for element-wise comparisons.</param>
    public FigureAccumulator(IReadOnlyList<int> shape, int directions)
    {
        _shape = shape;
        _directions = directions;
    }

    public void Add(int offset, ElementOutcome outcome)
    {
        if (outcome.Status == ElementStatus.Kink)
        {
            _kinks++;
            return;
        }

        _checked++;
        double g = outcome.Analytic, n = outcome.Numerical, e = g - n;
        _analytic2 += g * g;
        _numerical2 += n * n;
        _error2 += e * e;
        if (!(Math.Abs(e) <= _maxAbs))
        {
            _maxAbs = double.IsNaN(e) ? double.NaN : Math.Max(_maxAbs, Math.Abs(e));
        }

        if (outcome.Status == ElementStatus.Failed)
        {
            _failed++;
            double ratio = n != 0 ? g / n : double.NaN;
            _ratioMin = double.IsNaN(ratio) ? double.NaN : Math.Min(_ratioMin, ratio);
            _ratioMax = double.IsNaN(ratio) ? double.NaN : Math.Max(_ratioMax, ratio);
        }

        double badness = outcome.Badness;
        if (badness > _worstBadness)
        {
            _worstBadness = badness;
            _worstOffset = offset;
            _worst = outcome;
        }
    }

    /// <summary>The figures; <paramref name="tensorPasses"/> decides Passed for rules judged per tensor.</summary>
    /// <param name="length">The tensor's number of elements, to tell a sample from a full check.</param>
    public TensorFigures Figures(int length, Func<double, bool>? tensorPasses = null)
    {
        double difference = NormalizedDifference(_analytic2, _numerical2, _error2);
        bool passed = tensorPasses is null ? _failed == 0 && !double.IsNaN(difference) : tensorPasses(difference);
        var worstIndex = _worstOffset < 0 || _directions > 0 ? Array.Empty<int>() : ShapeMath.Unravel(_shape, _worstOffset);
        return new TensorFigures(
            difference, _maxAbs, worstIndex, _worst.Analytic, _worst.Numerical,
            _checked, tensorPasses is null ? _failed : passed ? 0 : _checked, _kinks, passed,
            Math.Sqrt(_analytic2), Math.Sqrt(_numerical2), Math.Sqrt(_error2), _directions, ConsistentRatio(),
            Sampled: _directions == 0 && _checked + _kinks < length);
    }

    /// <summary>
    /// g/n when every failing element shares it to 0.1% (a scaling bug: a doubled gradient, a missing 1/m, a flipped
    /// sign), else NaN. Needs at least two failing elements to mean anything.
    /// </summary>
    private double ConsistentRatio()
    {
        if (_failed < 2 || double.IsNaN(_ratioMin) || double.IsInfinity(_ratioMin))
        {
            return double.NaN;
        }

        double middle = (_ratioMin + _ratioMax) / 2;
        return _ratioMax - _ratioMin <= 1e-3 * Math.Abs(middle) ? middle : double.NaN;
    }

    /// <summary>‖g−n‖/(‖g‖+‖n‖) from the squared norms; 0 when both gradients are zero.</summary>
    public static double NormalizedDifference(double analytic2, double numerical2, double error2)
    {
        double denominator = Math.Sqrt(analytic2) + Math.Sqrt(numerical2);
        if (double.IsNaN(error2) || double.IsNaN(denominator))
        {
            return double.NaN;
        }

        return denominator == 0 ? 0 : Math.Sqrt(error2) / denominator;
    }
}
