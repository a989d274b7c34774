namespace GradAssert.Fuzz.Layers;

/// <summary>
/// y = eˣ − 1 − x, written naively: for small x the output (about x²/2) is what is left after the terms cancel, and so
/// is the derivative eˣ − 1. Element-wise.
/// </summary>
internal sealed class ExpMinusOneMinusX<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "ExpMinusOneMinusX";

    /// <inheritdoc />
    protected override T Apply(T x) => T.Exp(x) - T.One - x;

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => T.Exp(x) - T.One;
}
