using GradAssert.Examples.Layers;

namespace GradAssert.Examples.BrokenLayers;

/// <summary>
/// BROKEN ON PURPOSE. The zoo's correct <see cref="Conv2D{T}"/> forward, with a backward that loses the input
/// gradient on the first row and column of every plane, as an off-by-one bounds check (<c>iy &gt; 0</c> where
/// <c>iy &gt;= 0</c> was meant) next to the zero padding would. Weights and bias stay right, so only "input" fails.
/// </summary>
public sealed class ConvWithPaddingEdgeBug(Conv2D<double> conv) : ILayer<double>
{
    /// <summary>The name the report shows.</summary>
    public string Name => "Conv2D";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<double>> Parameters => conv.Parameters;

    /// <inheritdoc />
    public Tensor<double> Forward(Tensor<double> input) => conv.Forward(input);

    /// <inheritdoc />
    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dx = conv.Backward(outputGradient)!;
        int height = dx.Shape[2], width = dx.Shape[3];
        for (int plane = 0; plane < dx.Shape[0] * dx.Shape[1]; plane++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    if (y == 0 || x == 0)
                    {
                        dx.Data[(((plane * height) + y) * width) + x] = 0;   // THE BUG: the edge taps are skipped
                    }
                }
            }
        }

        return dx;
    }
}
