using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A residual block, y = x + f(x), around an inner layer f whose output has its input's shape.
/// Backward: dx = dy + f′ᵀ·dy; the inner layer writes its own parameter gradients.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Residual<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">f: any layer (or <see cref="Sequential{T}"/>) that keeps the shape.</param>
    public Residual(ILayer<T> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The name the report shows; "Residual" unless set.</summary>
    public string Name { get; init; } = "Residual";

    /// <summary>The inner layer f.</summary>
    public ILayer<T> Inner { get; }

    /// <summary>The inner layer's parameters.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => Inner.Parameters;

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        var output = Inner.Forward(input).Clone();
        if (output.Length != input.Length)
        {
            throw new InvalidOperationException($"The inner layer '{Inner.Name}' changed the shape; a residual block needs the same shape out as in.");
        }

        for (int i = 0; i < output.Length; i++)
        {
            output.Data[i] += input.Data[i];
        }

        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var inputGradient = Inner.Backward(outputGradient)?.Clone()
            ?? throw new InvalidOperationException($"The inner layer '{Inner.Name}' returned no input gradient.");
        for (int i = 0; i < inputGradient.Length; i++)
        {
            inputGradient.Data[i] += outputGradient.Data[i];   // the skip connection passes dy straight through
        }

        return inputGradient;
    }
}
