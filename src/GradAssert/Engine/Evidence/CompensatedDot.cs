namespace GradAssert.Engine.Evidence;

/// <summary>
/// A dot product in double as if in twice its precision: each product split into its rounded value and its error
/// (a fused multiply-add gives the error exactly) and both summed with the error of every addition kept (Neumaier's
/// summation). Over the 16,000 weights of a dense layer a plain sum in double rounds by a hundred roundings of the result
/// and more, as much as a double layer's own rounding that a comparison along one direction must tell apart from an error;
/// this result is within two roundings of the exact one.
/// </summary>
internal struct CompensatedDot
{
    private double _sum;
    private double _compensation;

    /// <summary>Adds <paramref name="a"/>·<paramref name="b"/>.</summary>
    public void Add(double a, double b)
    {
        double product = a * b;
        AddTerm(product);
        _compensation += Math.FusedMultiplyAdd(a, b, -product);
    }

    /// <summary>The sum so far.</summary>
    public readonly double Value => _sum + _compensation;

    private void AddTerm(double term)
    {
        double sum = _sum + term;
        _compensation += Math.Abs(_sum) >= Math.Abs(term) ? (_sum - sum) + term : (term - sum) + _sum;
        _sum = sum;
    }
}
