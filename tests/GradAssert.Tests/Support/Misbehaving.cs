namespace GradAssert.Tests.Support;

/// <summary>A y = s·x layer whose Name, Parameters, Forward or Backward misbehaves in one configurable way.</summary>
internal sealed class Misbehaving : ScaleBase, ILayer<double>
{
    private int _forwards;
    private double[] _hiddenSum = [0];

    public Misbehaving(string name = "Misbehaving")
        : base(name)
    {
    }

    public bool NullName { get; init; }

    public bool NullParameters { get; init; }

    public bool NullEntryInParameters { get; init; }

    public bool NullOutput { get; init; }

    /// <summary>Lists no parameters until the first Forward, as a lazily built layer does.</summary>
    public bool BuildsLazily { get; init; }

    /// <summary>Adds each Backward's gradient into a sum of its own that it never zeroes, and reports the sum.</summary>
    public bool NeverZeroesItsAccumulator { get; init; }

    /// <summary>Throws from Backward.</summary>
    public bool ThrowsFromBackward { get; init; }

    public new string Name => NullName ? null! : base.Name;

    public new IReadOnlyList<Parameter<double>> Parameters =>
        NullParameters ? null!
        : NullEntryInParameters ? [Scale, null!]
        : BuildsLazily && _forwards == 0 ? []
        : [Scale];

    public override Tensor<double> Forward(Tensor<double> input)
    {
        _forwards++;
        var y = base.Forward(input);
        return NullOutput ? null! : y;
    }

    public override Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        if (ThrowsFromBackward)
        {
            throw new ArithmeticException("backward blew up");
        }

        var dx = base.Backward(outputGradient);
        if (NeverZeroesItsAccumulator)
        {
            _hiddenSum[0] += Scale.Gradient.Data[0];
            Scale.Gradient.Data[0] = _hiddenSum[0];
        }

        return dx;
    }

    public void Reset() => _hiddenSum = [0];
}
