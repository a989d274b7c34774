namespace GradAssert.Fuzz.Layers;

/// <summary>
/// Average pooling over size×size windows in NCHW layout: each output is its window's mean, and backward spreads each
/// output's gradient evenly over its window. Input [batch, channels, h, w].
/// </summary>
/// <param name="size">The window's height and width.</param>
/// <param name="stride">The step between windows.</param>
internal sealed class AvgPool2D<T>(int size, int stride) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _inputShape;

    /// <summary>"AvgPool2D".</summary>
    public string Name => "AvgPool2D";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>The output size along an axis of <paramref name="length"/>.</summary>
    public int OutputSize(int length) => ((length - size) / stride) + 1;

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _inputShape = [.. input.Shape];
        var output = new Tensor<T>(input.Shape[0], input.Shape[1], OutputSize(input.Shape[2]), OutputSize(input.Shape[3]));
        T area = T.CreateChecked(size * size);
        ForEachTap(output, (o, x) => output.Data[o] += input.Data[x] / area);
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var inputGradient = new Tensor<T>(_inputShape ?? throw new InvalidOperationException("Backward before Forward."));
        T area = T.CreateChecked(size * size);
        ForEachTap(outputGradient, (o, x) => inputGradient.Data[x] += outputGradient.Data[o] / area);
        return inputGradient;
    }

    /// <summary>Calls <paramref name="tap"/>(output offset, input offset) for every input element of every window.</summary>
    private void ForEachTap(Tensor<T> output, Action<int, int> tap)
    {
        int height = _inputShape![2], width = _inputShape[3], outHeight = output.Shape[2], outWidth = output.Shape[3];
        for (int o = 0; o < output.Length; o++)
        {
            int plane = o / (outHeight * outWidth), oy = o / outWidth % outHeight, ox = o % outWidth;
            for (int ky = 0; ky < size; ky++)
            {
                for (int kx = 0; kx < size; kx++)
                {
                    tap(o, (((plane * height) + (oy * stride) + ky) * width) + (ox * stride) + kx);
                }
            }
        }
    }
}
