namespace GradAssert.Tests.Support;

/// <summary>Single-head scaled dot-product attention over separate q [n,d], k [m,d] and v [m,e]; no parameters.</summary>
internal sealed class QkvAttention : IMultiTensorLayer<double>
{
    private double[,] _p = new double[0, 0];
    private Tensor<double> _q = new(0), _k = new(0), _v = new(0);

    /// <summary>Multiplies dL/dk by this (1 is right).</summary>
    public double KeyGradientScale { get; init; } = 1;

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public IReadOnlyList<string> InputNames => ["q", "k", "v"];

    public IReadOnlyList<string> OutputNames => ["out"];

    public IReadOnlyList<Tensor<double>> Forward(IReadOnlyList<Tensor<double>> inputs)
    {
        (_q, _k, _v) = (inputs[0].Clone(), inputs[1].Clone(), inputs[2].Clone());
        int n = _q.Shape[0], d = _q.Shape[1], m = _k.Shape[0], e = _v.Shape[1];
        double scale = 1 / Math.Sqrt(d);
        _p = new double[n, m];
        var output = new Tensor<double>(n, e);
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int c = 0; c < d; c++)
                {
                    s += _q[i, c] * _k[j, c];
                }

                _p[i, j] = s * scale;
                max = Math.Max(max, _p[i, j]);
            }

            double sum = 0;
            for (int j = 0; j < m; j++)
            {
                _p[i, j] = Math.Exp(_p[i, j] - max);
                sum += _p[i, j];
            }

            for (int j = 0; j < m; j++)
            {
                _p[i, j] /= sum;
                for (int c = 0; c < e; c++)
                {
                    output[i, c] += _p[i, j] * _v[j, c];
                }
            }
        }

        return [output];
    }

    public IReadOnlyList<Tensor<double>?> Backward(IReadOnlyList<Tensor<double>> outputGradients)
    {
        var dy = outputGradients[0];
        int n = _q.Shape[0], d = _q.Shape[1], m = _k.Shape[0], e = _v.Shape[1];
        double scale = 1 / Math.Sqrt(d);
        var dq = new Tensor<double>(n, d);
        var dk = new Tensor<double>(m, d);
        var dv = new Tensor<double>(m, e);
        for (int i = 0; i < n; i++)
        {
            var dp = new double[m];
            double dot = 0;
            for (int j = 0; j < m; j++)
            {
                for (int c = 0; c < e; c++)
                {
                    dp[j] += dy[i, c] * _v[j, c];
                    dv[j, c] += _p[i, j] * dy[i, c];
                }

                dot += dp[j] * _p[i, j];
            }

            for (int j = 0; j < m; j++)
            {
                double ds = _p[i, j] * (dp[j] - dot) * scale;
                for (int c = 0; c < d; c++)
                {
                    dq[i, c] += ds * _k[j, c];
                    dk[j, c] += ds * _q[i, c] * KeyGradientScale;
                }
            }
        }

        return [dq, dk, dv];
    }
}

/// <summary>The mean squared error over a batch: L = (1/B)·Σ (prediction − target)², the target a constant input.</summary>
internal sealed class MeanSquaredError : IMultiTensorLayer<double>
{
    private Tensor<double> _difference = new(0);

    /// <summary>Forgets the 1/B of the mean in Backward (the classic convention bug).</summary>
    public bool GradientMissesBatchMean { get; init; }

    public string Name => "MSE";

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public IReadOnlyList<string> InputNames => ["prediction", "target"];

    public IReadOnlyList<string> OutputNames => ["loss"];

    public IReadOnlyList<Tensor<double>> Forward(IReadOnlyList<Tensor<double>> inputs)
    {
        _difference = new Tensor<double>(inputs[0].Shape.ToArray(), inputs[0].Data.Zip(inputs[1].Data, (p, t) => p - t).ToArray());
        double batch = inputs[0].Shape[0];
        return [new Tensor<double>([1], [_difference.Data.Sum(x => x * x) / batch])];
    }

    public IReadOnlyList<Tensor<double>?> Backward(IReadOnlyList<Tensor<double>> outputGradients)
    {
        double upstream = outputGradients[0].Data[0];
        double batch = GradientMissesBatchMean ? 1 : _difference.Shape[0];
        return [new Tensor<double>(_difference.Shape.ToArray(), _difference.Data.Select(x => 2 * x * upstream / batch).ToArray()), null];
    }
}

/// <summary>(a, b) → (a + b, a ⊙ b): two inputs, two outputs.</summary>
internal sealed class SumAndProduct : IMultiTensorLayer<double>
{
    private Tensor<double> _a = new(0), _b = new(0);

    /// <summary>Forgets the product's contribution to dL/da.</summary>
    public bool MissesProductPathForA { get; init; }

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public IReadOnlyList<string> InputNames => ["a", "b"];

    public IReadOnlyList<string> OutputNames => ["sum", "product"];

    public IReadOnlyList<Tensor<double>> Forward(IReadOnlyList<Tensor<double>> inputs)
    {
        (_a, _b) = (inputs[0].Clone(), inputs[1].Clone());
        var shape = _a.Shape.ToArray();
        return [new Tensor<double>(shape, _a.Data.Zip(_b.Data, (x, y) => x + y).ToArray()), new Tensor<double>(shape, _a.Data.Zip(_b.Data, (x, y) => x * y).ToArray())];
    }

    public IReadOnlyList<Tensor<double>?> Backward(IReadOnlyList<Tensor<double>> outputGradients)
    {
        var shape = _a.Shape.ToArray();
        var (ds, dp) = (outputGradients[0].Data, outputGradients[1].Data);
        var da = new double[ds.Length];
        var db = new double[ds.Length];
        for (int i = 0; i < ds.Length; i++)
        {
            da[i] = ds[i] + (MissesProductPathForA ? 0 : dp[i] * _b.Data[i]);
            db[i] = ds[i] + (dp[i] * _a.Data[i]);
        }

        return [new Tensor<double>(shape, da), new Tensor<double>(shape, db)];
    }
}
