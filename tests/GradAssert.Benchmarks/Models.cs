namespace GradAssert.Benchmarks;

/// <summary>y = x·W + b for x of shape [batch, in]: written as a user would, with plain loops.</summary>
internal sealed class BenchDense : ICloneableLayer<double>
{
    private readonly Parameter<double> _w;
    private readonly Parameter<double> _b;
    private Tensor<double> _input = new(0);

    public BenchDense(int inputs, int outputs, int seed)
    {
        var c = new GradientCase(seed);
        var w = c.Normal<double>(inputs, outputs);
        for (int i = 0; i < w.Length; i++)
        {
            w.Data[i] /= Math.Sqrt(inputs);
        }

        _w = new Parameter<double>("W", w);
        _b = new Parameter<double>("b", c.Normal<double>(outputs));
        Inputs = inputs;
        Outputs = outputs;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public double WeightGradientScale { get; init; } = 1;

    public IReadOnlyList<Parameter<double>> Parameters => [_w, _b];

    public ILayer<double> Clone()
    {
        var copy = new BenchDense(Inputs, Outputs, seed: 0) { WeightGradientScale = WeightGradientScale };
        _w.Value.Data.CopyTo(copy._w.Value.Data, 0);
        _b.Value.Data.CopyTo(copy._b.Value.Data, 0);
        return copy;
    }

    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.Clone();
        int batch = input.Shape[0];
        var y = new Tensor<double>(batch, Outputs);
        var w = _w.Value.Data;
        for (int n = 0; n < batch; n++)
        {
            var row = y.Data.AsSpan(n * Outputs, Outputs);
            _b.Value.Data.CopyTo(row);
            for (int i = 0; i < Inputs; i++)
            {
                double xi = input.Data[(n * Inputs) + i];
                var wRow = w.AsSpan(i * Outputs, Outputs);
                for (int o = 0; o < Outputs; o++)
                {
                    row[o] += xi * wRow[o];
                }
            }
        }

        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        int batch = _input.Shape[0];
        var dx = new Tensor<double>(batch, Inputs);
        var w = _w.Value.Data;
        var dw = _w.Gradient.Data;
        for (int n = 0; n < batch; n++)
        {
            var dy = outputGradient.Data.AsSpan(n * Outputs, Outputs);
            for (int o = 0; o < Outputs; o++)
            {
                _b.Gradient.Data[o] += dy[o];
            }

            for (int i = 0; i < Inputs; i++)
            {
                double xi = _input.Data[(n * Inputs) + i];
                double sum = 0;
                for (int o = 0; o < Outputs; o++)
                {
                    dw[(i * Outputs) + o] += xi * dy[o] * WeightGradientScale;
                    sum += w[(i * Outputs) + o] * dy[o];
                }

                dx.Data[(n * Inputs) + i] = sum;
            }
        }

        return dx;
    }
}

/// <summary>y = tanh(x).</summary>
internal sealed class BenchTanh : ILayer<double>
{
    private Tensor<double> _output = new(0);

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public Tensor<double> Forward(Tensor<double> input)
    {
        var y = input.Clone();
        for (int i = 0; i < y.Length; i++)
        {
            y.Data[i] = Math.Tanh(y.Data[i]);
        }

        _output = y.Clone();
        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dx = outputGradient.Clone();
        for (int i = 0; i < dx.Length; i++)
        {
            dx.Data[i] *= 1 - (_output.Data[i] * _output.Data[i]);
        }

        return dx;
    }
}

/// <summary>The benchmark models: dense/tanh MLPs of a given width, batch 8.</summary>
internal static class Models
{
    public const int Batch = 8;

    /// <summary>Layer widths by the number of checked elements (parameters plus the input) they give.</summary>
    public static int[] Widths(string size) => size switch
    {
        "1k" => [16, 24, 16, 10],
        "17k" => [64, 96, 96, 10],
        "100k" => [128, 256, 256, 10],
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Sizes are 1k, 17k and 100k."),
    };

    public static Sequential<double> Mlp(int[] widths, int buggyLayer = -1)
    {
        var layers = new List<ILayer<double>>();
        for (int k = 0; k + 1 < widths.Length; k++)
        {
            layers.Add(new BenchDense(widths[k], widths[k + 1], seed: k + 1) { WeightGradientScale = k == buggyLayer ? 1.01 : 1 });
            if (k + 2 < widths.Length)
            {
                layers.Add(new BenchTanh());
            }
        }

        return new Sequential<double>("mlp", [.. layers]);
    }

    public static Tensor<double> Input(int[] widths) => new GradientCase(99).Normal<double>(Batch, widths[0]);

    /// <summary>Every element a full check perturbs: all parameters and the input.</summary>
    public static int Elements(Sequential<double> model, Tensor<double> input) => model.Parameters.Sum(p => p.Value.Length) + input.Length;
}
