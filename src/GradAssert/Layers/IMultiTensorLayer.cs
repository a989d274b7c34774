using System.Numerics;

namespace GradAssert;

/// <summary>
/// A layer with several named inputs and outputs: attention over <c>q</c>, <c>k</c> and <c>v</c>; an LSTM cell
/// (<c>x</c>, <c>h</c>, <c>c</c>) → (<c>h</c>, <c>c</c>); a loss (<c>prediction</c>, <c>target</c>) → <c>loss</c>. Check it
/// with <see cref="GradCheck.Layer{T}(IMultiTensorLayer{T}, LayerInputs{T}, GradCheckOptions?)"/>: every parameter and
/// every input that is not declared constant is compared and reported by its name.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IMultiTensorLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The name the report uses for this layer: the type's name without generic arity unless overridden.</summary>
    string Name => LayerNames.Default(GetType());

    /// <summary>The trainable parameters; empty for a layer without any.</summary>
    IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The names of the inputs, in the order <see cref="Forward"/> takes them.</summary>
    IReadOnlyList<string> InputNames { get; }

    /// <summary>The names of the outputs, in the order <see cref="Forward"/> returns them.</summary>
    IReadOnlyList<string> OutputNames { get; }

    /// <summary>Computes the outputs from the inputs (in <see cref="InputNames"/> order) and caches what Backward needs.</summary>
    /// <param name="inputs">One tensor per input name; none may be modified.</param>
    IReadOnlyList<Tensor<T>> Forward(IReadOnlyList<Tensor<T>> inputs);

    /// <summary>
    /// Takes dL/d(output) for each output of the latest <see cref="Forward"/> and returns dL/d(input) for each input, or
    /// null for an input that is not differentiable (a target, a mask, indices). Writes dL/dθ into each
    /// <see cref="Parameter{T}.Gradient"/>; the checker zeroes them first.
    /// </summary>
    /// <param name="outputGradients">One tensor per output name, each with its output's shape.</param>
    IReadOnlyList<Tensor<T>?> Backward(IReadOnlyList<Tensor<T>> outputGradients);
}
