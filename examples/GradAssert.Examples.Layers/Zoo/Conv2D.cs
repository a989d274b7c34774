using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A 2-D convolution (cross-correlation, as deep-learning libraries compute it) in NCHW layout, with stride, zero
/// padding and a bias per output channel. Input [batch, in, h, w], weights [out, in, k, k], bias [out],
/// output [batch, out, (h + 2p − k)/s + 1, (w + 2p − k)/s + 1].
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Conv2D<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;

    /// <summary>Creates the layer with weights drawn from N(0, 1/(in·k·k)) and a bias from N(0, 0.1²).</summary>
    /// <param name="inChannels">Channels of the input.</param>
    /// <param name="outChannels">Channels of the output (number of filters).</param>
    /// <param name="kernel">The kernel's height and width.</param>
    /// <param name="stride">The step between neighbouring windows.</param>
    /// <param name="padding">Zeros added on every side of the input.</param>
    /// <param name="seed">Seeds the initial weights.</param>
    public Conv2D(int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        Weights = new Parameter<T>("W", Init.Normal<T>(seed, 1.0 / Math.Sqrt(inChannels * kernel * kernel), outChannels, inChannels, kernel, kernel));
        Bias = new Parameter<T>("b", Init.Normal<T>(seed + 1, 0.1, outChannels));
    }

    /// <summary>The name the report shows; "Conv2D" unless set.</summary>
    public string Name { get; init; } = "Conv2D";

    /// <summary>Channels of the input.</summary>
    public int InChannels { get; }

    /// <summary>Channels of the output.</summary>
    public int OutChannels { get; }

    /// <summary>The kernel's height and width.</summary>
    public int Kernel { get; }

    /// <summary>The step between neighbouring windows.</summary>
    public int Stride { get; }

    /// <summary>Zeros added on every side of the input.</summary>
    public int Padding { get; }

    /// <summary>The filters, shape [out, in, k, k].</summary>
    public Parameter<T> Weights { get; }

    /// <summary>The bias, shape [out].</summary>
    public Parameter<T> Bias { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Weights, Bias];

    /// <summary>The output size along one spatial axis of size <paramref name="size"/>.</summary>
    /// <param name="size">The input's height or width.</param>
    public int OutputSize(int size) => ((size + (2 * Padding) - Kernel) / Stride) + 1;

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _input = input.Clone();
        var (batch, height, width) = (input.Shape[0], input.Shape[2], input.Shape[3]);
        var output = new Tensor<T>(batch, OutChannels, OutputSize(height), OutputSize(width));
        ForEachTap(batch, height, width, (o, x, w) => output.Data[o] += input.Data[x] * Weights.Value.Data[w]);
        for (int i = 0; i < output.Length; i++)
        {
            output.Data[i] += Bias.Value.Data[(i / (output.Shape[2] * output.Shape[3])) % OutChannels];
        }

        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        var (batch, height, width) = (input.Shape[0], input.Shape[2], input.Shape[3]);
        var inputGradient = new Tensor<T>(input.Shape.ToArray());
        ForEachTap(batch, height, width, (o, x, w) =>
        {
            Weights.Gradient.Data[w] += input.Data[x] * outputGradient.Data[o];
            inputGradient.Data[x] += Weights.Value.Data[w] * outputGradient.Data[o];
        });
        int plane = outputGradient.Shape[2] * outputGradient.Shape[3];
        for (int i = 0; i < outputGradient.Length; i++)
        {
            Bias.Gradient.Data[(i / plane) % OutChannels] += outputGradient.Data[i];
        }

        return inputGradient;
    }

    /// <summary>
    /// Calls <paramref name="tap"/>(output offset, input offset, weight offset) for every product the convolution
    /// sums, skipping taps that fall on the zero padding. Forward and backward share it, so they visit the same taps.
    /// </summary>
    private void ForEachTap(int batch, int height, int width, Action<int, int, int> tap)
    {
        int outHeight = OutputSize(height), outWidth = OutputSize(width);
        for (int n = 0; n < batch; n++)
        {
            for (int oc = 0; oc < OutChannels; oc++)
            {
                for (int oy = 0; oy < outHeight; oy++)
                {
                    for (int ox = 0; ox < outWidth; ox++)
                    {
                        int o = (((((n * OutChannels) + oc) * outHeight) + oy) * outWidth) + ox;
                        for (int ic = 0; ic < InChannels; ic++)
                        {
                            for (int ky = 0; ky < Kernel; ky++)
                            {
                                int iy = (oy * Stride) + ky - Padding;
                                if (iy < 0 || iy >= height)
                                {
                                    continue;
                                }

                                for (int kx = 0; kx < Kernel; kx++)
                                {
                                    int ix = (ox * Stride) + kx - Padding;
                                    if (ix < 0 || ix >= width)
                                    {
                                        continue;
                                    }

                                    int x = (((((n * InChannels) + ic) * height) + iy) * width) + ix;
                                    int w = (((((oc * InChannels) + ic) * Kernel) + ky) * Kernel) + kx;
                                    tap(o, x, w);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
