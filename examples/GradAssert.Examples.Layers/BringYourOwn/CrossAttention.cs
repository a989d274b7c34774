using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// Single-head attention over separate inputs: queries q [n, d], keys k [m, d], values v [m, e];
/// out = softmax(q·kᵀ/√d)·v. Each of q, k and v is checked and reported by its name.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class CrossAttention<T> : IMultiTensorLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[,] _p = new T[0, 0];
    private Tensor<T> _q = new(0), _k = new(0), _v = new(0);

    /// <summary>Broken on purpose when not 1: multiplies dL/dk by this.</summary>
    public double KeyGradientScale { get; init; } = 1;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames => ["q", "k", "v"];

    /// <inheritdoc />
    public IReadOnlyList<string> OutputNames => ["out"];

    /// <inheritdoc />
    public IReadOnlyList<Tensor<T>> Forward(IReadOnlyList<Tensor<T>> inputs)
    {
        (_q, _k, _v) = (inputs[0].Clone(), inputs[1].Clone(), inputs[2].Clone());
        int n = _q.Shape[0], d = _q.Shape[1], m = _k.Shape[0], e = _v.Shape[1];
        T scale = T.One / T.Sqrt(T.CreateTruncating(d));
        _p = new T[n, m];
        var output = new Tensor<T>(n, e);
        for (int i = 0; i < n; i++)
        {
            T max = T.NegativeInfinity, sum = T.Zero;
            for (int j = 0; j < m; j++)
            {
                T s = T.Zero;
                for (int c = 0; c < d; c++)
                {
                    s += _q[i, c] * _k[j, c];
                }

                _p[i, j] = s * scale;
                max = T.Max(max, _p[i, j]);
            }

            for (int j = 0; j < m; j++)
            {
                _p[i, j] = T.Exp(_p[i, j] - max);
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

    /// <inheritdoc />
    public IReadOnlyList<Tensor<T>?> Backward(IReadOnlyList<Tensor<T>> outputGradients)
    {
        var dy = outputGradients[0];
        int n = _q.Shape[0], d = _q.Shape[1], m = _k.Shape[0], e = _v.Shape[1];
        T scale = T.One / T.Sqrt(T.CreateTruncating(d)), keyScale = T.CreateTruncating(KeyGradientScale);
        var (dq, dk, dv) = (new Tensor<T>(n, d), new Tensor<T>(m, d), new Tensor<T>(m, e));
        for (int i = 0; i < n; i++)
        {
            var dp = new T[m];
            T dot = T.Zero;
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
                T ds = _p[i, j] * (dp[j] - dot) * scale;
                for (int c = 0; c < d; c++)
                {
                    dq[i, c] += ds * _k[j, c];
                    dk[j, c] += ds * _q[i, c] * keyScale;
                }
            }
        }

        return [dq, dk, dv];
    }
}
