namespace GradAssert.Fuzz.Layers;

/// <summary>GELU in its tanh form: y = ½x·(1 + tanh(k·(x + 0.044715x³))), k = √(2/π).</summary>
internal sealed class Gelu<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T K = T.CreateChecked(Math.Sqrt(2 / Math.PI));
    private static readonly T C = T.CreateChecked(0.044715);
    private static readonly T Half = T.CreateChecked(0.5);
    private static readonly T Three = T.CreateChecked(3);

    /// <inheritdoc />
    public override string Name { get; init; } = "Gelu";

    /// <inheritdoc />
    protected override T Apply(T x) => Half * x * (T.One + T.Tanh(K * (x + (C * x * x * x))));

    /// <inheritdoc />
    protected override T Derivative(T x, T y)
    {
        T t = T.Tanh(K * (x + (C * x * x * x)));
        return (Half * (T.One + t)) + (Half * x * (T.One - (t * t)) * K * (T.One + (Three * C * x * x)));
    }
}

/// <summary>Softplus: y = log(1 + eˣ), computed without overflow; y′ = σ(x).</summary>
internal sealed class Softplus<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "Softplus";

    /// <inheritdoc />
    protected override T Apply(T x) => x > T.Zero ? x + T.LogP1(T.Exp(-x)) : T.LogP1(T.Exp(x));

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => T.One / (T.One + T.Exp(-x));
}

/// <summary>SiLU (swish): y = x·σ(x); y′ = σ(x)·(1 + x·(1 − σ(x))).</summary>
internal sealed class Silu<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "Silu";

    /// <inheritdoc />
    protected override T Apply(T x) => x / (T.One + T.Exp(-x));

    /// <inheritdoc />
    protected override T Derivative(T x, T y)
    {
        T s = T.One / (T.One + T.Exp(-x));
        return s * (T.One + (x * (T.One - s)));
    }
}

/// <summary>ELU with α = 1: y = x for x &gt; 0, eˣ − 1 otherwise; a change of curvature (not of slope) at 0.</summary>
internal sealed class Elu<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "Elu";

    /// <inheritdoc />
    protected override T Apply(T x) => x > T.Zero ? x : T.ExpM1(x);

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => x > T.Zero ? T.One : T.Exp(x);
}

/// <summary>A tanh scaled to large outputs: y = scale·tanh(x).</summary>
/// <param name="scale">The outputs' scale, such as 1e4.</param>
internal sealed class ScaledTanh<T>(double scale) : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _scale = T.CreateChecked(scale);

    /// <inheritdoc />
    public override string Name { get; init; } = "ScaledTanh";

    /// <inheritdoc />
    protected override T Apply(T x) => _scale * T.Tanh(x);

    /// <inheritdoc />
    protected override T Derivative(T x, T y)
    {
        T t = T.Tanh(x);
        return _scale * (T.One - (t * t));
    }
}
