namespace GradAssert.Examples.BrokenLayers;

/// <summary>
/// BROKEN ON PURPOSE. y = x·W + b over a batch, whose bias gradient takes only the first row of the upstream
/// gradient instead of summing over the batch. Invisible with batch 1; the check finds it, and shrinking reports
/// the smallest batch that shows it (2).
/// </summary>
public sealed class DenseWithFirstRowBias : ILayer<double>
{
    private Tensor<double>? _input;

    /// <summary>Creates the layer with weights and bias drawn uniformly from [-1, 1].</summary>
    public DenseWithFirstRowBias(int inputs, int outputs, int seed)
    {
        var random = new Random(seed);
        Inputs = inputs;
        Outputs = outputs;
        W = new Parameter<double>("W", Random(random, inputs, outputs));
        B = new Parameter<double>("b", Random(random, outputs));
    }

    /// <summary>The name the report shows.</summary>
    public string Name => "Dense";

    /// <summary>Features per input row.</summary>
    public int Inputs { get; }

    /// <summary>Features per output row.</summary>
    public int Outputs { get; }

    /// <summary>The weights, shape [in, out].</summary>
    public Parameter<double> W { get; }

    /// <summary>The bias, shape [out].</summary>
    public Parameter<double> B { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<double>> Parameters => [W, B];

    /// <inheritdoc />
    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.Clone();
        int batch = input.Shape[0];
        var y = new Tensor<double>(batch, Outputs);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < Outputs; j++)
            {
                double sum = B.Value[j];
                for (int i = 0; i < Inputs; i++)
                {
                    sum += input[n, i] * W.Value[i, j];
                }

                y[n, j] = sum;
            }
        }

        return y;
    }

    /// <inheritdoc />
    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var x = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int batch = x.Shape[0];
        var dx = new Tensor<double>(batch, Inputs);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < Outputs; j++)
            {
                for (int i = 0; i < Inputs; i++)
                {
                    W.Gradient[i, j] += x[n, i] * outputGradient[n, j];
                    dx[n, i] += W.Value[i, j] * outputGradient[n, j];
                }
            }
        }

        for (int j = 0; j < Outputs; j++)
        {
            B.Gradient[j] = outputGradient[0, j];   // THE BUG: should be the sum over n of outputGradient[n, j]
        }

        return dx;
    }

    private static Tensor<double> Random(Random random, params int[] shape)
    {
        var t = new Tensor<double>(shape);
        for (int i = 0; i < t.Length; i++)
        {
            t.Data[i] = (random.NextDouble() * 2) - 1;
        }

        return t;
    }
}
