using System.Numerics;

namespace GradAssert.Corpus.Tests.Bugs;

/// <summary>BatchNorm backward without the −mean(dx̂) term, per feature over the batch.</summary>
internal sealed class BatchNormMissingMeanTerm<T>(BatchNorm<T> norm) : Wrapped<T>(norm) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        int n = Input.Shape[0], d = norm.Features;
        T count = T.CreateChecked(n);
        for (int f = 0; f < d; f++)
        {
            T mean = T.Zero, variance = T.Zero, meanDxHat = T.Zero;
            for (int b = 0; b < n; b++)
            {
                mean += Input.Data[(b * d) + f];
                meanDxHat += outputGradient.Data[(b * d) + f] * norm.Gamma.Value.Data[f];
            }

            mean /= count;
            meanDxHat /= count;
            for (int b = 0; b < n; b++)
            {
                T centred = Input.Data[(b * d) + f] - mean;
                variance += centred * centred;
            }

            T inverseStd = T.One / T.Sqrt((variance / count) + T.CreateChecked(1e-5));
            for (int b = 0; b < n; b++)
            {
                inputGradient!.Data[(b * d) + f] += inverseStd * meanDxHat;
            }
        }
    }
}

/// <summary>GRU cell whose backward forgets the direct path h' = … + z ⊙ h into the previous hidden state.</summary>
internal sealed class GruMissingDirectHiddenPath<T>(GruCell<T> cell) : Wrapped<T>(cell) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        int batch = Input.Shape[0], h = cell.Hidden, width = cell.Inputs + h;
        var p = cell.Parameters;
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < h; j++)
            {
                T pre = p[2].Value.Data[j];
                for (int i = 0; i < cell.Inputs; i++)
                {
                    pre += Input.Data[(b * width) + i] * p[0].Value.Data[(i * h) + j];
                }

                for (int k = 0; k < h; k++)
                {
                    pre += Input.Data[(b * width) + cell.Inputs + k] * p[1].Value.Data[(k * h) + j];
                }

                T z = T.One / (T.One + T.Exp(-pre));
                inputGradient!.Data[(b * width) + cell.Inputs + j] -= outputGradient.Data[(b * h) + j] * z;
            }
        }
    }
}
