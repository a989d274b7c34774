using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// Batch normalization in training mode over input [batch, features]: each feature is normalized with the mean and
/// (biased) variance of the current batch, x̂ = (x − μ)/√(σ² + ε), then y = γ·x̂ + β with γ and β of shape [features].
/// Backward, per feature over the N rows: dx = (1/σ̂)·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)), with dx̂ = dy·γ.
/// Running statistics for inference are left out: a gradient check only sees training mode.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class BatchNorm<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _epsilon;
    private Tensor<T>? _normalized;
    private T[]? _inverseStd;

    /// <summary>Creates the layer with γ drawn near 1 and β near 0 (so a check sees non-trivial values).</summary>
    /// <param name="features">The size of the feature axis.</param>
    /// <param name="epsilon">Added to the variance, such as 1e-5.</param>
    /// <param name="seed">Seeds γ and β.</param>
    public BatchNorm(int features, double epsilon = 1e-5, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        Features = features;
        _epsilon = T.CreateChecked(epsilon);
        var gamma = Init.Normal<T>(seed, 0.1, features);
        for (int i = 0; i < features; i++)
        {
            gamma.Data[i] += T.One;
        }

        Gamma = new Parameter<T>("gamma", gamma);
        Beta = new Parameter<T>("beta", Init.Normal<T>(seed + 1, 0.1, features));
    }

    /// <summary>The name the report shows; "BatchNorm" unless set.</summary>
    public string Name { get; init; } = "BatchNorm";

    /// <summary>The size of the feature axis.</summary>
    public int Features { get; }

    /// <summary>The scale γ, shape [features].</summary>
    public Parameter<T> Gamma { get; }

    /// <summary>The shift β, shape [features].</summary>
    public Parameter<T> Beta { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Gamma, Beta];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int n = input.Shape[0], d = Features;
        T count = T.CreateChecked(n);
        var normalized = new Tensor<T>(n, d);
        var output = new Tensor<T>(n, d);
        var inverseStd = new T[d];
        for (int f = 0; f < d; f++)
        {
            T mean = T.Zero;
            for (int b = 0; b < n; b++)
            {
                mean += input.Data[(b * d) + f];
            }

            mean /= count;
            T variance = T.Zero;
            for (int b = 0; b < n; b++)
            {
                T centred = input.Data[(b * d) + f] - mean;
                variance += centred * centred;
            }

            inverseStd[f] = T.One / T.Sqrt((variance / count) + _epsilon);
            for (int b = 0; b < n; b++)
            {
                T xHat = (input.Data[(b * d) + f] - mean) * inverseStd[f];
                normalized.Data[(b * d) + f] = xHat;
                output.Data[(b * d) + f] = (Gamma.Value.Data[f] * xHat) + Beta.Value.Data[f];
            }
        }

        _normalized = normalized;
        _inverseStd = inverseStd;
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var xHat = _normalized ?? throw new InvalidOperationException("Backward before Forward.");
        int n = xHat.Shape[0], d = Features;
        T count = T.CreateChecked(n);
        var inputGradient = new Tensor<T>(n, d);
        for (int f = 0; f < d; f++)
        {
            T meanDxHat = T.Zero, meanDxHatXHat = T.Zero;
            for (int b = 0; b < n; b++)
            {
                T dy = outputGradient.Data[(b * d) + f];
                T h = xHat.Data[(b * d) + f];
                Gamma.Gradient.Data[f] += dy * h;
                Beta.Gradient.Data[f] += dy;
                meanDxHat += dy * Gamma.Value.Data[f];
                meanDxHatXHat += dy * Gamma.Value.Data[f] * h;
            }

            meanDxHat /= count;
            meanDxHatXHat /= count;
            for (int b = 0; b < n; b++)
            {
                T dxHat = outputGradient.Data[(b * d) + f] * Gamma.Value.Data[f];
                T h = xHat.Data[(b * d) + f];
                inputGradient.Data[(b * d) + f] = _inverseStd![f] * (dxHat - meanDxHat - (h * meanDxHatXHat));
            }
        }

        return inputGradient;
    }
}
