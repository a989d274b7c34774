using System.Numerics;

namespace GradAssert.Examples;

/// <summary>
/// Reshapes [batch, ...] to [batch, features] so a convolutional stack can feed a <c>Dense</c> layer. Forward copies,
/// backward copies back with the input's shape: the smallest layer there is, and a template for your own.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Flatten<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _inputShape;

    /// <summary>None.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _inputShape = [.. input.Shape];
        return new Tensor<T>([input.Shape[0], input.Length / input.Shape[0]], (T[])input.Data.Clone());
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var shape = _inputShape ?? throw new InvalidOperationException("Backward before Forward.");
        return new Tensor<T>(shape, (T[])outputGradient.Data.Clone());
    }
}
