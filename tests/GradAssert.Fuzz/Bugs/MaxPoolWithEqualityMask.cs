namespace GradAssert.Fuzz.Bugs;

/// <summary>
/// Max pooling as users often write its backward: a mask <c>x == max</c> per window, so every tied maximum gets the
/// window's full gradient (the classic bug; the correct gradient goes to one of them, or is shared). Forward is right.
/// Input [batch, channels, h, w], output [batch, channels, (h − size)/stride + 1, (w − size)/stride + 1].
/// </summary>
/// <param name="size">The window's height and width.</param>
/// <param name="stride">The step between windows.</param>
internal sealed class MaxPoolWithEqualityMask<T>(int size, int stride) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;
    private Tensor<T>? _output;

    /// <summary>"MaxPool2D", as the correct layer it stands for.</summary>
    public string Name => "MaxPool2D";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _input = input.Clone();
        int outHeight = ((input.Shape[2] - size) / stride) + 1, outWidth = ((input.Shape[3] - size) / stride) + 1;
        var output = new Tensor<T>(input.Shape[0], input.Shape[1], outHeight, outWidth);
        for (int o = 0; o < output.Length; o++)
        {
            T max = T.NegativeInfinity;
            foreach (int x in Window(o, input.Shape[2], input.Shape[3], outHeight, outWidth))
            {
                max = T.Max(max, input.Data[x]);
            }

            output.Data[o] = max;
        }

        _output = output.Clone();
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        var output = _output!;
        int outHeight = output.Shape[2], outWidth = output.Shape[3];
        var inputGradient = new Tensor<T>([.. input.Shape]);
        for (int o = 0; o < output.Length; o++)
        {
            foreach (int x in Window(o, input.Shape[2], input.Shape[3], outHeight, outWidth))
            {
                if (input.Data[x] == output.Data[o])
                {
                    inputGradient.Data[x] += outputGradient.Data[o];
                }
            }
        }

        return inputGradient;
    }

    /// <summary>The input offsets of output <paramref name="o"/>'s window.</summary>
    private IEnumerable<int> Window(int o, int height, int width, int outHeight, int outWidth)
    {
        int plane = o / (outHeight * outWidth), oy = o / outWidth % outHeight, ox = o % outWidth;
        for (int ky = 0; ky < size; ky++)
        {
            for (int kx = 0; kx < size; kx++)
            {
                yield return (((plane * height) + (oy * stride) + ky) * width) + (ox * stride) + kx;
            }
        }
    }
}
