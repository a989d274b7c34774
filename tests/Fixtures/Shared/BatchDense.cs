namespace GradAssert.Fixtures;

/// <summary>
/// y = x·Wᵀ + b over a batch: x is [batch, in], W is [out, in], b is [out]. Planted bugs can be switched on for
/// the fixture tests.
/// </summary>
public sealed class BatchDense : ILayer<double>
{
    private Tensor<double>? _input;

    public BatchDense(int inputs, int outputs, int seed)
    {
        Inputs = inputs;
        Outputs = outputs;
        var random = new Random(seed);
        var w = new Tensor<double>(outputs, inputs);
        for (int i = 0; i < w.Length; i++)
        {
            w.Data[i] = (random.NextDouble() * 2) - 1;
        }

        var b = new Tensor<double>(outputs);
        for (int i = 0; i < b.Length; i++)
        {
            b.Data[i] = (random.NextDouble() * 2) - 1;
        }

        W = new Parameter<double>("W", w);
        B = new Parameter<double>("b", b);
        Parameters = [W, B];
    }

    public string Name => "Dense";

    public int Inputs { get; }

    public int Outputs { get; }

    public Parameter<double> W { get; }

    public Parameter<double> B { get; }

    public IReadOnlyList<Parameter<double>> Parameters { get; }

    /// <summary>Planted bug: db takes only the first row of the batch instead of summing every row.</summary>
    public bool BiasSumsFirstRowOnly { get; init; }

    /// <summary>Planted contract violation: the input gradient gets one column too many.</summary>
    public bool InputGradientTooWide { get; init; }

    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input;
        int batch = input.Shape[0];
        var output = new Tensor<double>(batch, Outputs);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < Outputs; o++)
            {
                double sum = B.Value.Data[o];
                for (int i = 0; i < Inputs; i++)
                {
                    sum += input.Data[(n * Inputs) + i] * W.Value.Data[(o * Inputs) + i];
                }

                output.Data[(n * Outputs) + o] = sum;
            }
        }

        return output;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int batch = input.Shape[0];
        int width = InputGradientTooWide ? Inputs + 1 : Inputs;
        var inputGradient = new Tensor<double>(batch, width);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < Outputs; o++)
            {
                double dy = outputGradient.Data[(n * Outputs) + o];
                if (n == 0 || !BiasSumsFirstRowOnly)
                {
                    B.Gradient.Data[o] += dy;
                }

                for (int i = 0; i < Inputs; i++)
                {
                    W.Gradient.Data[(o * Inputs) + i] += dy * input.Data[(n * Inputs) + i];
                    inputGradient.Data[(n * width) + i] += dy * W.Value.Data[(o * Inputs) + i];
                }
            }
        }

        return inputGradient;
    }
}
