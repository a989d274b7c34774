namespace GradAssert.Examples.BrokenLayers;

/// <summary>
/// BROKEN ON PURPOSE. Softmax over the last axis whose backward treats it as element-wise: dx = y ⊙ dy, missing the
/// cross term −y ⊙ Σ(y ⊙ dy). The correct Jacobian is diag(y) − y·yᵀ.
/// </summary>
public sealed class SoftmaxWithoutCrossTerm : ILayer<double>
{
    private Tensor<double>? _output;

    /// <summary>The name the report shows.</summary>
    public string Name => "Softmax";

    /// <summary>None.</summary>
    public IReadOnlyList<Parameter<double>> Parameters => [];

    /// <inheritdoc />
    public Tensor<double> Forward(Tensor<double> input)
    {
        int width = input.Shape[^1];
        var y = new Tensor<double>([.. input.Shape]);
        for (int row = 0; row * width < input.Length; row++)
        {
            var x = input.Data.AsSpan(row * width, width);
            double max = double.NegativeInfinity;
            foreach (double v in x)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (int i = 0; i < width; i++)
            {
                y.Data[(row * width) + i] = Math.Exp(x[i] - max);
                sum += y.Data[(row * width) + i];
            }

            for (int i = 0; i < width; i++)
            {
                y.Data[(row * width) + i] /= sum;
            }
        }

        _output = y.Clone();
        return y;
    }

    /// <inheritdoc />
    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var y = _output ?? throw new InvalidOperationException("Backward before Forward.");
        var dx = new Tensor<double>([.. y.Shape]);
        for (int i = 0; i < y.Length; i++)
        {
            dx.Data[i] = y.Data[i] * outputGradient.Data[i];   // THE BUG: minus y[i] * Σⱼ y[j]·dy[j] is missing
        }

        return dx;
    }
}
