using System.Numerics;

namespace GradAssert.Tests.Support;

/// <summary>Base for small test layers: caches the input of every Forward, names itself.</summary>
internal abstract class TestLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected TestLayer(string name) => Name = name;

    public string Name { get; }

    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    protected Tensor<T> Input { get; private set; } = new(0);

    public Tensor<T> Forward(Tensor<T> input)
    {
        Input = input.Clone();
        return Compute(input);
    }

    public abstract Tensor<T>? Backward(Tensor<T> outputGradient);

    protected abstract Tensor<T> Compute(Tensor<T> input);

    protected static Tensor<T> Map(Tensor<T> x, Func<T, T> f)
    {
        var y = new Tensor<T>(x.Shape.ToArray());
        for (int i = 0; i < x.Length; i++)
        {
            y.Data[i] = f(x.Data[i]);
        }

        return y;
    }

    protected static T Of(double v) => T.CreateTruncating(v);
}

/// <summary>y = a·x³ + b·x² + c·x element-wise, with coefficients [a, b, c] as a parameter.</summary>
internal sealed class Cubic<T>(double a, double b, double c, string name = "Cubic") : TestLayer<T>(name)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _coefficients = new("coefficients", new Tensor<T>([3], [T.CreateTruncating(a), T.CreateTruncating(b), T.CreateTruncating(c)]));

    public double CoefficientGradientScale { get; init; } = 1;

    public override IReadOnlyList<Parameter<T>> Parameters => [_coefficients];

    protected override Tensor<T> Compute(Tensor<T> x)
    {
        var k = _coefficients.Value.Data;
        return Map(x, v => (k[0] * v * v * v) + (k[1] * v * v) + (k[2] * v));
    }

    public override Tensor<T>? Backward(Tensor<T> dy)
    {
        var k = _coefficients.Value.Data;
        var g = _coefficients.Gradient.Data;
        var dx = new Tensor<T>(Input.Shape.ToArray());
        for (int i = 0; i < dx.Length; i++)
        {
            T v = Input.Data[i];
            g[0] += dy.Data[i] * v * v * v * Of(CoefficientGradientScale);
            g[1] += dy.Data[i] * v * v;
            g[2] += dy.Data[i] * v;
            dx.Data[i] = dy.Data[i] * ((Of(3) * k[0] * v * v) + (Of(2) * k[1] * v) + k[2]);
        }

        return dx;
    }
}

/// <summary>y = exp(x) element-wise; <see cref="Derivative"/> lets a test plant a wrong one.</summary>
internal sealed class Exp<T>(string name = "Exp") : TestLayer<T>(name) where T : unmanaged, IFloatingPointIeee754<T>
{
    public Func<T, T> Derivative { get; init; } = T.Exp;

    protected override Tensor<T> Compute(Tensor<T> x) => Map(x, T.Exp);

    public override Tensor<T>? Backward(Tensor<T> dy)
    {
        var dx = new Tensor<T>(Input.Shape.ToArray());
        for (int i = 0; i < dx.Length; i++)
        {
            dx.Data[i] = dy.Data[i] * Derivative(Input.Data[i]);
        }

        return dx;
    }
}

/// <summary>Softmax over the last axis; <see cref="DropCrossTerm"/> plants the classic bug of ignoring Σ dy·y.</summary>
internal sealed class Softmax<T>(string name = "Softmax") : TestLayer<T>(name) where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> _output = new(0);

    public bool DropCrossTerm { get; init; }

    protected override Tensor<T> Compute(Tensor<T> x)
    {
        int n = x.Shape[^1];
        var y = new Tensor<T>(x.Shape.ToArray());
        for (int row = 0; row < x.Length / n; row++)
        {
            var span = x.Data.AsSpan(row * n, n);
            T max = span[0];
            foreach (var v in span)
            {
                max = T.Max(max, v);
            }

            T sum = T.Zero;
            for (int j = 0; j < n; j++)
            {
                y.Data[(row * n) + j] = T.Exp(span[j] - max);
                sum += y.Data[(row * n) + j];
            }

            for (int j = 0; j < n; j++)
            {
                y.Data[(row * n) + j] /= sum;
            }
        }

        _output = y.Clone();
        return y;
    }

    public override Tensor<T>? Backward(Tensor<T> dy)
    {
        int n = _output.Shape[^1];
        var dx = new Tensor<T>(_output.Shape.ToArray());
        for (int row = 0; row < dx.Length / n; row++)
        {
            T dot = T.Zero;
            for (int j = 0; j < n; j++)
            {
                dot += dy.Data[(row * n) + j] * _output.Data[(row * n) + j];
            }

            if (DropCrossTerm)
            {
                dot = T.Zero;
            }

            for (int j = 0; j < n; j++)
            {
                int i = (row * n) + j;
                dx.Data[i] = _output.Data[i] * (dy.Data[i] - dot);
            }
        }

        return dx;
    }
}

/// <summary>
/// y = x·W + b for x of shape [batch, in]. The knobs plant bugs: a scaled weight gradient, a wrong input gradient,
/// a bias gradient that only sums the first row.
/// </summary>
internal sealed class Dense<T> : TestLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _w;
    private readonly Parameter<T> _b;

    public Dense(int inputs, int outputs, int seed, string name = "Dense")
        : base(name)
    {
        var c = new GradientCase(seed);
        var w = c.Normal<T>(inputs, outputs);
        for (int i = 0; i < w.Length; i++)
        {
            w.Data[i] /= T.Sqrt(Of(inputs));
        }

        _w = new Parameter<T>("W", w);
        _b = new Parameter<T>("b", c.Normal<T>(outputs));
        Inputs = inputs;
        Outputs = outputs;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public double WeightGradientScale { get; init; } = 1;

    public double InputGradientScale { get; init; } = 1;

    public bool BiasSumsFirstRowOnly { get; init; }

    public override IReadOnlyList<Parameter<T>> Parameters => [_w, _b];

    protected override Tensor<T> Compute(Tensor<T> x)
    {
        int batch = x.Shape[0];
        var y = new Tensor<T>(batch, Outputs);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < Outputs; o++)
            {
                T sum = _b.Value.Data[o];
                for (int i = 0; i < Inputs; i++)
                {
                    sum += x.Data[(n * Inputs) + i] * _w.Value.Data[(i * Outputs) + o];
                }

                y.Data[(n * Outputs) + o] = sum;
            }
        }

        return y;
    }

    public override Tensor<T>? Backward(Tensor<T> dy)
    {
        int batch = Input.Shape[0];
        var dx = new Tensor<T>(batch, Inputs);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < Outputs; o++)
            {
                T g = dy.Data[(n * Outputs) + o];
                if (n == 0 || !BiasSumsFirstRowOnly)
                {
                    _b.Gradient.Data[o] += g;
                }

                for (int i = 0; i < Inputs; i++)
                {
                    _w.Gradient.Data[(i * Outputs) + o] += Input.Data[(n * Inputs) + i] * g * Of(WeightGradientScale);
                    dx.Data[(n * Inputs) + i] += _w.Value.Data[(i * Outputs) + o] * g * Of(InputGradientScale);
                }
            }
        }

        return dx;
    }
}

/// <summary>y = tanh(x) element-wise.</summary>
internal sealed class Tanh<T>(string name = "Tanh") : TestLayer<T>(name) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override Tensor<T> Compute(Tensor<T> x) => Map(x, T.Tanh);

    public override Tensor<T>? Backward(Tensor<T> dy)
    {
        var dx = new Tensor<T>(Input.Shape.ToArray());
        for (int i = 0; i < dx.Length; i++)
        {
            T t = T.Tanh(Input.Data[i]);
            dx.Data[i] = dy.Data[i] * (T.One - (t * t));
        }

        return dx;
    }
}

/// <summary>y = max(0, x) element-wise: a kink at 0.</summary>
internal sealed class Relu<T>(string name = "Relu") : TestLayer<T>(name) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override Tensor<T> Compute(Tensor<T> x) => Map(x, v => T.Max(T.Zero, v));

    public override Tensor<T>? Backward(Tensor<T> dy)
    {
        var dx = new Tensor<T>(Input.Shape.ToArray());
        for (int i = 0; i < dx.Length; i++)
        {
            dx.Data[i] = Input.Data[i] > T.Zero ? dy.Data[i] : T.Zero;
        }

        return dx;
    }
}

/// <summary>y = |x| element-wise: a kink at 0, where the slope jumps from −1 to 1.</summary>
internal sealed class Abs<T>(string name = "Abs") : TestLayer<T>(name) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override Tensor<T> Compute(Tensor<T> x) => Map(x, T.Abs);

    public override Tensor<T>? Backward(Tensor<T> dy)
    {
        var dx = new Tensor<T>(Input.Shape.ToArray());
        for (int i = 0; i < dx.Length; i++)
        {
            dx.Data[i] = Input.Data[i] >= T.Zero ? dy.Data[i] : -dy.Data[i];
        }

        return dx;
    }
}
