using System.Numerics;

namespace GradAssert.Corpus.Tests.Bugs;

/// <summary>A residual block whose backward forgets the skip connection: dx = f′ᵀ·dy only.</summary>
internal sealed class ResidualMissingSkipGradient<T>(Residual<T> block) : Wrapped<T>(block) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        for (int i = 0; i < inputGradient!.Length; i++)
        {
            inputGradient.Data[i] -= outputGradient.Data[i];
        }
    }
}

/// <summary>
/// Self-attention whose backward forgets the 1/√d scale of the scores: the gradients through Q and K (dWq, dWk and
/// their share of dx) come out √d times too large.
/// </summary>
internal sealed class AttentionMissingScale<T>(SelfAttention<T> attention) : Wrapped<T>(attention) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        int batch = Input.Shape[0], s = Input.Shape[1], d = attention.Model;
        T factor = T.Sqrt(T.CreateChecked(d));
        foreach (var p in new[] { attention.Query, attention.Key })
        {
            for (int i = 0; i < p.Gradient.Length; i++)
            {
                p.Gradient.Data[i] *= factor;
            }
        }

        // dx = dx_QK + dx_V; the bug scales dx_QK by √d. dx_V = (Aᵀ·dOut)·Wvᵀ, so recompute A.
        var wq = attention.Query.Value.Data;
        var wk = attention.Key.Value.Data;
        var wv = attention.Value.Value.Data;
        T scale = T.One / factor;
        for (int b = 0; b < batch; b++)
        {
            var x = Input.Data.AsSpan(b * s * d, s * d);
            var q = Project(x, wq, s, d);
            var k = Project(x, wk, s, d);
            var dV = new T[s * d];
            for (int i = 0; i < s; i++)
            {
                var scores = new T[s];
                T max = T.NegativeInfinity, sum = T.Zero;
                for (int j = 0; j < s; j++)
                {
                    for (int c = 0; c < d; c++)
                    {
                        scores[j] += q[(i * d) + c] * k[(j * d) + c];
                    }

                    scores[j] *= scale;
                    max = T.Max(max, scores[j]);
                }

                for (int j = 0; j < s; j++)
                {
                    scores[j] = T.Exp(scores[j] - max);
                    sum += scores[j];
                }

                for (int j = 0; j < s; j++)
                {
                    for (int c = 0; c < d; c++)
                    {
                        dV[(j * d) + c] += scores[j] / sum * outputGradient.Data[(b * s * d) + (i * d) + c];
                    }
                }
            }

            for (int i = 0; i < s; i++)
            {
                for (int r = 0; r < d; r++)
                {
                    T dxV = T.Zero;
                    for (int c = 0; c < d; c++)
                    {
                        dxV += dV[(i * d) + c] * wv[(r * d) + c];
                    }

                    int at = (b * s * d) + (i * d) + r;
                    inputGradient!.Data[at] = dxV + (factor * (inputGradient.Data[at] - dxV));
                }
            }
        }
    }

    private static T[] Project(ReadOnlySpan<T> x, T[] w, int s, int d)
    {
        var p = new T[s * d];
        for (int i = 0; i < s; i++)
        {
            for (int c = 0; c < d; c++)
            {
                for (int r = 0; r < d; r++)
                {
                    p[(i * d) + c] += x[(i * d) + r] * w[(r * d) + c];
                }
            }
        }

        return p;
    }
}
