using System.Numerics;

namespace GradAssert;

/// <summary>
/// How a composite layer calls its sub-layers so that a gradient check can blame inside it: write
/// <c>_attention.Call(x)</c> where you would write <c>_attention.Forward(x)</c>. Outside a check it is exactly
/// <c>Forward</c>; during the checker's forward pass it also notes which sub-layer ran on what input (the role PyTorch's
/// forward hooks play), so each sub-layer is then checked alone on the activation it really received, and blame names
/// it by its path (<c>block2/attention</c>).
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
}
