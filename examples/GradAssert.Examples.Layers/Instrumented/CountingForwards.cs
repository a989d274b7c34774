using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A layer that counts its Forward calls in <paramref name="calls"/>, at its own type and at the dual type, and is
/// otherwise <paramref name="inner"/>: what a check costs, counted rather than timed. Generic, so that it carries to the
/// exact reference's dual type with the layer it wraps.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="inner">The layer counted.</param>
/// <param name="calls">Where the calls are counted; shared by every copy.</param>
public sealed class CountingForwards<T>(ILayer<T> inner, ForwardCalls calls) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The inner layer's name.</summary>
    public string Name => inner.Name;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => inner.Parameters;

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
        {
            calls.Plain++;
        }
        else
        {
            calls.Dual++;
        }

        return inner.Forward(input);
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient) => inner.Backward(outputGradient);
}
