using System.Numerics;

namespace GradAssert.Corpus.Tests.Bugs;

/// <summary>Softmax backward dx = y·dy, missing the −y·Σ dy·y term.</summary>
internal sealed class SoftmaxMissingTerm<T>() : Wrapped<T>(new Softmax<T>()) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        var y = Inner.Forward(Input);
        for (int i = 0; i < inputGradient!.Length; i++)
        {
            inputGradient.Data[i] = y.Data[i] * outputGradient.Data[i];
        }
    }
}

/// <summary>Cross-entropy backward that forgets to divide by the batch size (the loss is a mean).</summary>
internal sealed class CrossEntropyMissingBatchMean<T>(SoftmaxCrossEntropy<T> loss) : Wrapped<T>(loss) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        T batch = T.CreateChecked(loss.Labels.Count);
        for (int i = 0; i < inputGradient!.Length; i++)
        {
            inputGradient.Data[i] *= batch;
        }
    }
}

/// <summary>LayerNorm backward without the −mean(dx̂) term: dx = (dx̂ − x̂·mean(dx̂·x̂))/σ.</summary>
internal sealed class LayerNormMissingMeanTerm<T>(LayerNorm<T> norm) : Wrapped<T>(norm) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        // dx from the correct formula plus mean(dx̂)/σ per row puts the term back out.
        int d = norm.Features, rows = Input.Length / d;
        for (int r = 0; r < rows; r++)
        {
            T mean = T.Zero, variance = T.Zero, meanDxHat = T.Zero;
            for (int i = 0; i < d; i++)
            {
                mean += Input.Data[(r * d) + i];
                meanDxHat += outputGradient.Data[(r * d) + i] * norm.Gamma.Value.Data[i];
            }

            mean /= T.CreateChecked(d);
            meanDxHat /= T.CreateChecked(d);
            for (int i = 0; i < d; i++)
            {
                T centred = Input.Data[(r * d) + i] - mean;
                variance += centred * centred;
            }

            T inverseStd = T.One / T.Sqrt((variance / T.CreateChecked(d)) + T.CreateChecked(1e-5));
            for (int i = 0; i < d; i++)
            {
                inputGradient!.Data[(r * d) + i] += inverseStd * meanDxHat;
            }
        }
    }
}

/// <summary>LayerNorm whose dγ forgets the normalization: dγ = Σ dy·x instead of Σ dy·x̂.</summary>
internal sealed class LayerNormGammaGradientUsesRawInput<T>(LayerNorm<T> norm) : Wrapped<T>(norm) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        int d = norm.Features;
        Array.Clear(norm.Gamma.Gradient.Data);
        for (int i = 0; i < Input.Length; i++)
        {
            norm.Gamma.Gradient.Data[i % d] += outputGradient.Data[i] * Input.Data[i];
        }
    }
}
