using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// The shape shared by the zoo's activations: y = f(x) element by element, and dx = dy·f′(x).
/// A new activation only supplies <see cref="Apply"/> and <see cref="Derivative"/>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class Elementwise<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;
    private Tensor<T>? _output;

    /// <summary>The name the report shows: the activation's name unless set.</summary>
    public abstract string Name { get; init; }

    /// <summary>None: activations have no parameters.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>f(x).</summary>
    /// <param name="x">One input element.</param>
    protected abstract T Apply(T x);

    /// <summary>f′(x), given x and y = f(x) (whichever is handier).</summary>
    /// <param name="x">The input element.</param>
    /// <param name="y">The output element, f(x).</param>
    protected abstract T Derivative(T x, T y);

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _input = input.Clone();
        var output = new Tensor<T>(input.Shape.ToArray());
        for (int i = 0; i < output.Length; i++)
        {
            output.Data[i] = Apply(input.Data[i]);
        }

        _output = output.Clone();
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var x = _input ?? throw new InvalidOperationException("Backward before Forward.");
        var y = _output!;
        var inputGradient = new Tensor<T>(x.Shape.ToArray());
        for (int i = 0; i < inputGradient.Length; i++)
        {
            inputGradient.Data[i] = outputGradient.Data[i] * Derivative(x.Data[i], y.Data[i]);
        }

        return inputGradient;
    }
}

/// <summary>y = max(0, x); a kink at 0.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class ReLU<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "ReLU";

    /// <inheritdoc />
    protected override T Apply(T x) => x > T.Zero ? x : T.Zero;

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => x > T.Zero ? T.One : T.Zero;
}

/// <summary>y = x for x &gt; 0, and slope·x otherwise; a kink at 0.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="slope">The slope for negative inputs, such as 0.01.</param>
public sealed class LeakyReLU<T>(double slope = 0.01) : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _slope = T.CreateChecked(slope);

    /// <inheritdoc />
    public override string Name { get; init; } = "LeakyReLU";

    /// <inheritdoc />
    protected override T Apply(T x) => x > T.Zero ? x : _slope * x;

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => x > T.Zero ? T.One : _slope;
}

/// <summary>y = tanh(x); y′ = 1 − y².</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Tanh<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "Tanh";

    /// <inheritdoc />
    protected override T Apply(T x) => T.Tanh(x);

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => T.One - (y * y);
}

/// <summary>y = 1 / (1 + e^(−x)); y′ = y·(1 − y).</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Sigmoid<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "Sigmoid";

    /// <inheritdoc />
    protected override T Apply(T x) => T.One / (T.One + T.Exp(-x));

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => y * (T.One - y);
}

/// <summary>y = |x|; a kink at 0.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Abs<T> : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name { get; init; } = "Abs";

    /// <inheritdoc />
    protected override T Apply(T x) => T.Abs(x);

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
}

/// <summary>y = min(max(x, min), max); kinks at both bounds.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="min">The lower bound.</param>
/// <param name="max">The upper bound, above <paramref name="min"/>.</param>
public sealed class Clamp<T>(double min = -1, double max = 1) : Elementwise<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _min = T.CreateChecked(min);
    private readonly T _max = T.CreateChecked(max);

    /// <inheritdoc />
    public override string Name { get; init; } = "Clamp";

    /// <summary>The lower bound.</summary>
    public double Min => min;

    /// <summary>The upper bound.</summary>
    public double Max => max;

    /// <inheritdoc />
    protected override T Apply(T x) => T.Clamp(x, _min, _max);

    /// <inheritdoc />
    protected override T Derivative(T x, T y) => x > _min && x < _max ? T.One : T.Zero;
}
