namespace GradAssert.Fuzz.Layers;

/// <summary>y = −log x: defined for x &gt; 0 only, the loss of a probability.</summary>
internal sealed class NegativeLog<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "NegativeLog";

    /// <inheritdoc />
    protected override T Apply(T x) => -T.Log(x);

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => -T.One / x;
}

/// <summary>y = √x: defined for x ≥ 0 only.</summary>
internal sealed class SquareRoot<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "SquareRoot";

    /// <inheritdoc />
    protected override T Apply(T x) => T.Sqrt(x);

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => T.One / (y + y);
}

/// <summary>y = 1/x: a pole at 0.</summary>
internal sealed class Reciprocal<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "Reciprocal";

    /// <inheritdoc />
    protected override T Apply(T x) => T.One / x;

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => -(y * y);
}
