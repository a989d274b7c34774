using System.Numerics;

namespace GradAssert;

/// <summary>
/// How a composite layer calls its sub-layers so that a gradient check can blame inside it: write
/// <c>_attention.Call(x)</c> where you would write <c>_attention.Forward(x)</c>. Outside a check it is exactly
/// <c>Forward</c>; during the checker's forward pass it also notes which sub-layer ran on what input (the role PyTorch's
/// forward hooks play), so each sub-layer is then checked alone on the activation it really received, and blame names
/// it by its path (<c>block2/attention</c>). A sub-layer with several inputs (an RNN cell taking <c>x</c> and <c>h</c>) is
/// called the same way, by position or by name.
/// </summary>
public static class LayerCalls
{
    /// <summary>Runs <paramref name="layer"/>'s Forward on <paramref name="input"/>, letting a running check see the call.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The sub-layer to run.</param>
    /// <param name="input">Its input.</param>
    /// <returns>The sub-layer's output.</returns>
    public static Tensor<T> Call<T>(this ILayer<T> layer, Tensor<T> input) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        return CallRecorder<T>.Current is { } recorder ? recorder.Record(layer, input) : layer.Forward(input);
    }

    /// <summary>
    /// Runs the Forward of <paramref name="layer"/>, a sub-layer with several inputs, on <paramref name="inputs"/> (in
    /// the order of its <see cref="IMultiTensorLayer{T}.InputNames"/>), letting a running check see the call.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The sub-layer to run.</param>
    /// <param name="inputs">Its inputs, in the order of its input names.</param>
    /// <returns>Its outputs, in the order of its output names.</returns>
    public static IReadOnlyList<Tensor<T>> Call<T>(this IMultiTensorLayer<T> layer, params Tensor<T>[] inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        return CallRecorder<T>.Current is { } recorder ? recorder.Record(layer, inputs) : layer.Forward(inputs);
    }

    /// <summary>
    /// Runs the Forward of <paramref name="layer"/>, a sub-layer with several inputs, on inputs given by name, letting a
    /// running check see the call: <c>_cell.Call(new() { ["x"] = x, ["h"] = h })["h"]</c>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The sub-layer to run.</param>
    /// <param name="inputs">Its inputs by name: one for each of its input names.</param>
    /// <returns>Its outputs by name.</returns>
    /// <exception cref="ArgumentException">An input is missing, or named like none of the layer's inputs.</exception>
    public static NamedTensors<T> Call<T>(this IMultiTensorLayer<T> layer, NamedTensors<T> inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(inputs);
        var names = layer.InputNames;
        var positional = inputs.InOrder(names, $"{layer.Name} was called with inputs named");
        if (Array.IndexOf(positional, null) is int missing and >= 0)
        {
            throw new ArgumentException($"{layer.Name} was called without its input '{names[missing]}'.", nameof(inputs));
        }

        return NamedTensors<T>.Of(layer.OutputNames, layer.Call(positional!));
    }
}
