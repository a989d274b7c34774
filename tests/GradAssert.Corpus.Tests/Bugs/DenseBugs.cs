using System.Numerics;

namespace GradAssert.Corpus.Tests.Bugs;

/// <summary>dW written transposed (the classic missing transpose; the shapes agree when W is square).</summary>
internal sealed class DenseWithTransposedWeightGradient<T>(Dense<T> dense) : Wrapped<T>(dense) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        var g = dense.W.Gradient.Data;
        int n = dense.Inputs;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                (g[(i * n) + j], g[(j * n) + i]) = (g[(j * n) + i], g[(i * n) + j]);
            }
        }
    }
}

/// <summary>db = dy[0, :] instead of Σₙ dy[n, :]: a wrong reduction over the batch.</summary>
internal sealed class BiasGradientSumsFirstRowOnly<T>(Dense<T> dense) : Wrapped<T>(dense) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        for (int j = 0; j < dense.Outputs; j++)
        {
            dense.B.Gradient.Data[j] = outputGradient.Data[j];
        }
    }
}

/// <summary>dW multiplied by 0.999: a 0.1% error, which double precision must catch.</summary>
internal sealed class DenseWeightGradientScaled0999<T>(Dense<T> dense) : Wrapped<T>(dense) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        var g = dense.W.Gradient.Data;
        for (int i = 0; i < g.Length; i++)
        {
            g[i] *= T.CreateChecked(0.999);
        }
    }
}

/// <summary>dx = dy·W instead of dy·Wᵀ, read with the wrong strides (square W).</summary>
internal sealed class DenseInputGradientUntransposed<T>(Dense<T> dense) : Wrapped<T>(dense) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        int batch = Input.Shape[0], n = dense.Inputs;
        var w = dense.W.Value.Data;
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < n; i++)
            {
                T sum = T.Zero;
                for (int j = 0; j < n; j++)
                {
                    sum += outputGradient.Data[(b * n) + j] * w[(j * n) + i];
                }

                inputGradient!.Data[(b * n) + i] = sum;
            }
        }
    }
}
