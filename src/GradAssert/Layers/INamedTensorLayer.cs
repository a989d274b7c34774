using System.Numerics;

namespace GradAssert;

/// <summary>
/// An <see cref="IMultiTensorLayer{T}"/> written with names instead of positions: Forward reads <c>inputs["x"]</c> and
/// <c>inputs["h"]</c> and returns <c>new NamedTensors&lt;T&gt; { ["h"] = h }</c>; Backward reads each output's gradient
/// by name and returns each input's by name, leaving out an input that is not differentiable (a mask, indices). The
/// positional members of <see cref="IMultiTensorLayer{T}"/> are implemented here, in the order of
/// <see cref="IMultiTensorLayer{T}.InputNames"/> and <see cref="IMultiTensorLayer{T}.OutputNames"/>, so the layer is
/// checked, and called from a composite with <see cref="LayerCalls.Call{T}(IMultiTensorLayer{T}, NamedTensors{T})"/>,
/// like any layer with several inputs.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface INamedTensorLayer<T> : IMultiTensorLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes the outputs, by name, from the inputs, by name, and caches what Backward needs.</summary>
    /// <param name="inputs">One tensor per input name; none may be modified.</param>
    NamedTensors<T> Forward(NamedTensors<T> inputs);

    /// <summary>
    /// Takes dL/d(output) for each output of the latest Forward, by name, and returns dL/d(input) for each differentiable
    /// input, by name. Writes dL/dθ into each <see cref="Parameter{T}.Gradient"/>; the checker zeroes them first.
    /// </summary>
    /// <param name="outputGradients">One tensor per output name, each with its output's shape.</param>
    NamedTensors<T> Backward(NamedTensors<T> outputGradients);

    /// <inheritdoc />
    IReadOnlyList<Tensor<T>> IMultiTensorLayer<T>.Forward(IReadOnlyList<Tensor<T>> inputs) =>
        Forward(NamedTensors<T>.Of(InputNames, inputs))?.InOrder(OutputNames, "Forward returned")!;

    /// <inheritdoc />
    IReadOnlyList<Tensor<T>?> IMultiTensorLayer<T>.Backward(IReadOnlyList<Tensor<T>> outputGradients) =>
        Backward(NamedTensors<T>.Of(OutputNames, outputGradients))?.InOrder(InputNames, "Backward returned gradients for")!;
}
