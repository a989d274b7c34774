using System.Numerics;
using GradAssert.Examples.Layers;

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

/// <summary>The benchmark models, by name: dense/tanh MLPs of three sizes (batch 8), a conv stack and an attention block.</summary>
internal static class Models
{
    public const int Batch = 8;

    public static readonly string[] Names = ["mlp-1k", "mlp-17k", "mlp-100k", "conv", "attention"];

    /// <summary>The model and its input.</summary>
    public static (Sequential<double> Model, Tensor<double> Input) Build(string name) => name switch
    {
        "mlp-1k" => Mlp([16, 24, 16, 10]),
        "mlp-17k" => Mlp([64, 96, 96, 10]),
        "mlp-100k" => Mlp([128, 256, 256, 10]),
        "conv" => Conv<double>(),
        "attention" => Attention<double>(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark model."),
    };

    /// <summary>
    /// The models written once for any number type, by name: <c>mlp-17k-zoo</c> (mlp-17k's shape with the zoo's generic
    /// <see cref="Dense{T}"/> and <see cref="Tanh{T}"/>), <c>conv</c> and <c>attention</c>; the ones the exact reference
    /// can carry to the dual type.
    /// </summary>
    public static (Sequential<T> Model, Tensor<T> Input) Generic<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        "mlp-17k-zoo" => SecondOpinionModels.Build<T>("mlp-17k"),
        "conv" => Conv<T>(),
        "attention" => Attention<T>(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown generic benchmark model."),
    };

    /// <summary>Every element a full check perturbs: all parameters and the input.</summary>
    public static int Elements(Sequential<double> model, Tensor<double> input) => model.Parameters.Sum(p => p.Value.Length) + input.Length;

    private static (Sequential<double>, Tensor<double>) Mlp(int[] widths)
    {
        var layers = new List<ILayer<double>>();
        for (int k = 0; k + 1 < widths.Length; k++)
        {
            layers.Add(new BenchDense(widths[k], widths[k + 1], seed: k + 1));
            if (k + 2 < widths.Length)
            {
                layers.Add(new BenchTanh());
            }
        }

        return (new Sequential<double>("mlp", [.. layers]), new GradientCase(99).Normal<double>(Batch, widths[0]));
    }

    /// <summary>Conv(3→8, 3×3, pad 1) → ReLU → MaxPool 2 → Conv(8→8, 3×3, pad 1) → ReLU → MaxPool 2 on 8 images of 3×12×12.</summary>
    public static (Sequential<T>, Tensor<T>) Conv<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = new Sequential<T>(
            "conv",
            new Conv2D<T>(3, 8, kernel: 3, padding: 1, seed: 1),
            new ReLU<T>(),
            new MaxPool2D<T>(2),
            new Conv2D<T>(8, 8, kernel: 3, padding: 1, seed: 2),
            new ReLU<T>(),
            new MaxPool2D<T>(2));
        return (model, new GradientCase(98).Normal<T>(Batch, 3, 12, 12));
    }

    /// <summary>Residual(self-attention) → LayerNorm → Residual(self-attention) → Tanh, model 16, on 8 sequences of 6 tokens.</summary>
    public static (Sequential<T>, Tensor<T>) Attention<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var model = new Sequential<T>(
            "attention",
            new Residual<T>(new SelfAttention<T>(16, seed: 1)),
            new LayerNorm<T>(16),
            new Residual<T>(new SelfAttention<T>(16, seed: 2)),
            new Tanh<T>());
        return (model, new GradientCase(97).Normal<T>(Batch, 6, 16));
    }
}
