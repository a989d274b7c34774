namespace GradAssert.Fuzz.Layers;

/// <summary>
/// y = relu(x) + a·|x| + clamp(x, 0, 1): three kinks meeting at x = 0, where the one-sided slopes are −a and 2 + a and
/// the backward (each part's own convention at 0) gives 0, a valid subgradient. Element-wise.
/// </summary>
/// <param name="a">The weight of |x|, such as 0.5.</param>
internal sealed class ReluPlusAbsPlusClamp<T>(double a) : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _a = T.CreateChecked(a);

    /// <inheritdoc />
    public override string Name { get; init; } = "ReluPlusAbsPlusClamp";

    /// <inheritdoc />
    protected override T Apply(T x) => T.Max(x, T.Zero) + (_a * T.Abs(x)) + T.Clamp(x, T.Zero, T.One);

    /// <inheritdoc />
    protected override T Derivative(T x, T y)
    {
        T relu = x > T.Zero ? T.One : T.Zero;
        T abs = x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
        T clamp = x > T.Zero && x < T.One ? T.One : T.Zero;
        return relu + (_a * abs) + clamp;
    }
}
