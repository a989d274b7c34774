using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// Single-head self-attention over input [batch, sequence, model]: Q = X·Wq, K = X·Wk, V = X·Wv (each W of shape
/// [model, model]), A = softmax(Q·Kᵀ/√model) over the keys, output = A·V of shape [batch, sequence, model].
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class SelfAttention<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _scale;
    private Tensor<T>? _input;
    private T[][]? _q, _k, _v, _attention;

    /// <summary>Creates the layer with projections drawn from N(0, 1/model).</summary>
    /// <param name="model">The feature size of each position.</param>
    /// <param name="seed">Seeds the projections.</param>
    public SelfAttention(int model, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(model, 1);
        Model = model;
        _scale = T.One / T.Sqrt(T.CreateChecked(model));
        double std = 1.0 / Math.Sqrt(model);
        Query = new Parameter<T>("Wq", Init.Normal<T>(seed, std, model, model));
        Key = new Parameter<T>("Wk", Init.Normal<T>(seed + 1, std, model, model));
        Value = new Parameter<T>("Wv", Init.Normal<T>(seed + 2, std, model, model));
    }

    /// <summary>The name the report shows; "SelfAttention" unless set.</summary>
    public string Name { get; init; } = "SelfAttention";

    /// <summary>The feature size of each position.</summary>
    public int Model { get; }

    /// <summary>The query projection Wq, shape [model, model].</summary>
    public Parameter<T> Query { get; }

    /// <summary>The key projection Wk, shape [model, model].</summary>
    public Parameter<T> Key { get; }

    /// <summary>The value projection Wv, shape [model, model].</summary>
    public Parameter<T> Value { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Query, Key, Value];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int batch = input.Shape[0], s = input.Shape[1], d = Model;
        _input = input.Clone();
        _q = new T[batch][];
        _k = new T[batch][];
        _v = new T[batch][];
        _attention = new T[batch][];
        var output = new Tensor<T>(batch, s, d);
        for (int b = 0; b < batch; b++)
        {
            var x = input.Data.AsSpan(b * s * d, s * d);
            var q = _q[b] = MatMul(x, Query.Value.Data, s, d, d);
            var k = _k[b] = MatMul(x, Key.Value.Data, s, d, d);
            var v = _v[b] = MatMul(x, Value.Value.Data, s, d, d);
            var a = _attention[b] = new T[s * s];
            for (int i = 0; i < s; i++)
            {
                T max = T.NegativeInfinity;
                for (int j = 0; j < s; j++)
                {
                    T score = T.Zero;
                    for (int c = 0; c < d; c++)
                    {
                        score += q[(i * d) + c] * k[(j * d) + c];
                    }

                    a[(i * s) + j] = score * _scale;
                    max = T.Max(max, a[(i * s) + j]);
                }

                T sum = T.Zero;
                for (int j = 0; j < s; j++)
                {
                    a[(i * s) + j] = T.Exp(a[(i * s) + j] - max);
                    sum += a[(i * s) + j];
                }

                for (int j = 0; j < s; j++)
                {
                    a[(i * s) + j] /= sum;
                }
            }

            MatMul(a, v, s, s, d).CopyTo(output.Data.AsSpan(b * s * d));
        }

        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int batch = input.Shape[0], s = input.Shape[1], d = Model;
        var inputGradient = new Tensor<T>(batch, s, d);
        for (int b = 0; b < batch; b++)
        {
            var x = input.Data.AsSpan(b * s * d, s * d);
            var dOut = outputGradient.Data.AsSpan(b * s * d, s * d);
            T[] q = _q![b], k = _k![b], v = _v![b], a = _attention![b];

            var dV = new T[s * d];          // dV = Aᵀ·dOut
            var dScores = new T[s * s];     // dA = dOut·Vᵀ, then through the softmax and the scale
            for (int i = 0; i < s; i++)
            {
                T dot = T.Zero;
                for (int j = 0; j < s; j++)
                {
                    T dA = T.Zero;
                    for (int c = 0; c < d; c++)
                    {
                        dA += dOut[(i * d) + c] * v[(j * d) + c];
                        dV[(j * d) + c] += a[(i * s) + j] * dOut[(i * d) + c];
                    }

                    dScores[(i * s) + j] = dA;
                    dot += dA * a[(i * s) + j];
                }

                for (int j = 0; j < s; j++)
                {
                    dScores[(i * s) + j] = a[(i * s) + j] * (dScores[(i * s) + j] - dot) * _scale;
                }
            }

            var dQ = new T[s * d];          // dQ = dS·K, dK = dSᵀ·Q
            var dK = new T[s * d];
            for (int i = 0; i < s; i++)
            {
                for (int j = 0; j < s; j++)
                {
                    for (int c = 0; c < d; c++)
                    {
                        dQ[(i * d) + c] += dScores[(i * s) + j] * k[(j * d) + c];
                        dK[(j * d) + c] += dScores[(i * s) + j] * q[(i * d) + c];
                    }
                }
            }

            var dx = inputGradient.Data.AsSpan(b * s * d, s * d);
            Project(x, dQ, Query, dx, s, d);
            Project(x, dK, Key, dx, s, d);
            Project(x, dV, Value, dx, s, d);
        }

        return inputGradient;
    }

    /// <summary>For P = X·W: adds Xᵀ·dP to W's gradient and dP·Wᵀ to dX.</summary>
    private static void Project(ReadOnlySpan<T> x, T[] dP, Parameter<T> w, Span<T> dx, int s, int d)
    {
        for (int i = 0; i < s; i++)
        {
            for (int r = 0; r < d; r++)
            {
                for (int c = 0; c < d; c++)
                {
                    w.Gradient.Data[(r * d) + c] += x[(i * d) + r] * dP[(i * d) + c];
                    dx[(i * d) + r] += dP[(i * d) + c] * w.Value.Data[(r * d) + c];
                }
            }
        }
    }

    /// <summary>The [m, n] product of a row-major [m, k] and a row-major [k, n].</summary>
    private static T[] MatMul(ReadOnlySpan<T> left, ReadOnlySpan<T> right, int m, int k, int n)
    {
        var product = new T[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int c = 0; c < k; c++)
                {
                    sum += left[(i * k) + c] * right[(c * n) + j];
                }

                product[(i * n) + j] = sum;
            }
        }

        return product;
    }
}
