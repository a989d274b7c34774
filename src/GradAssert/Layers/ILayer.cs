using System.Numerics;

namespace GradAssert;

/// <summary>A layer, or a whole model, with a hand-written backward pass.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The name the report uses for this layer: the type's name without generic arity (<c>Gelu</c>, not <c>Gelu`1</c>) unless overridden.</summary>
    string Name => LayerNames.Default(GetType());

    /// <summary>The trainable parameters; empty for a layer without any.</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Computes the output and caches whatever <see cref="Backward"/> needs.</summary>
    /// <param name="input">The input; must not be modified.</param>
    Tensor<T> Forward(Tensor<T> input);

    /// <summary>
    /// Takes dL/d(output of the latest <see cref="Forward"/>) and returns dL/d(input), or null where the input
    /// is not differentiable (indices). Writes dL/dθ into each <see cref="Parameter{T}.Gradient"/>; the checker
    /// zeroes them first, so writing and adding are both correct.
    /// </summary>
    /// <param name="outputGradient">dL/d(output), with the output's shape.</param>
    Tensor<T>? Backward(Tensor<T> outputGradient);
}
