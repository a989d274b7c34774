using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// Max pooling over size×size windows in NCHW layout. Input [batch, channels, h, w], output
/// [batch, channels, (h − size)/stride + 1, (w − size)/stride + 1]. Backward routes each output's gradient to the
/// input element that was the maximum (the first one on a tie); where two inputs tie, the derivative has a kink.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class MaxPool2D<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _argMax;
    private int[]? _inputShape;

    /// <summary>Creates the layer.</summary>
    /// <param name="size">The window's height and width.</param>
    /// <param name="stride">The step between windows; the window size unless given.</param>
    public MaxPool2D(int size = 2, int? stride = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        Stride = stride ?? size;
        ArgumentOutOfRangeException.ThrowIfLessThan(Stride, 1, nameof(stride));
    }

    /// <summary>The name the report shows; "MaxPool2D" unless set.</summary>
    public string Name { get; init; } = "MaxPool2D";

    /// <summary>The window's height and width.</summary>
    public int Size { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>None.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>The output size along one spatial axis of size <paramref name="size"/>.</summary>
    /// <param name="size">The input's height or width.</param>
    public int OutputSize(int size) => ((size - Size) / Stride) + 1;

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        var (planes, height, width) = (input.Shape[0] * input.Shape[1], input.Shape[2], input.Shape[3]);
        int outHeight = OutputSize(height), outWidth = OutputSize(width);
        var output = new Tensor<T>(input.Shape[0], input.Shape[1], outHeight, outWidth);
        var argMax = new int[output.Length];
        for (int p = 0; p < planes; p++)
        {
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int o = (((p * outHeight) + oy) * outWidth) + ox;
                    int best = -1;
                    for (int ky = 0; ky < Size; ky++)
                    {
                        for (int kx = 0; kx < Size; kx++)
                        {
                            int x = (((p * height) + (oy * Stride) + ky) * width) + (ox * Stride) + kx;
                            if (best < 0 || input.Data[x] > input.Data[best])
                            {
                                best = x;
                            }
                        }
                    }

                    argMax[o] = best;
                    output.Data[o] = input.Data[best];
                }
            }
        }

        _argMax = argMax;
        _inputShape = input.Shape.ToArray();
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var argMax = _argMax ?? throw new InvalidOperationException("Backward before Forward.");
        var inputGradient = new Tensor<T>(_inputShape!);
        for (int o = 0; o < argMax.Length; o++)
        {
            inputGradient.Data[argMax[o]] += outputGradient.Data[o];   // += : overlapping windows may share a maximum
        }

        return inputGradient;
    }
}
