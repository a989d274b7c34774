using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// Layer normalization over the last axis: x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β, with γ and β of shape [features].
/// Backward, per row of D features: dx = (1/σ̂)·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)), with dx̂ = dy·γ.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class LayerNorm<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _epsilon;
    private Tensor<T>? _normalized;
    private T[]? _inverseStd;

    /// <summary>Creates the layer with γ drawn near 1 and β near 0 (so a check sees non-trivial values).</summary>
    /// <param name="features">The size of the last axis.</param>
    /// <param name="epsilon">Added to the variance, such as 1e-5.</param>
    /// <param name="seed">Seeds γ and β.</param>
    public LayerNorm(int features, double epsilon = 1e-5, int seed = 0)
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

    /// <summary>The name the report shows; "LayerNorm" unless set.</summary>
    public string Name { get; init; } = "LayerNorm";

    /// <summary>The size of the last axis.</summary>
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
        int d = Features, rows = input.Length / d;
        T count = T.CreateChecked(d);
        var normalized = new Tensor<T>(input.Shape.ToArray());
        var output = new Tensor<T>(input.Shape.ToArray());
        var inverseStd = new T[rows];
        for (int r = 0; r < rows; r++)
        {
            var x = input.Data.AsSpan(r * d, d);
            T mean = T.Zero;
            foreach (var v in x)
            {
                mean += v;
            }

            mean /= count;
            T variance = T.Zero;
            foreach (var v in x)
            {
                variance += (v - mean) * (v - mean);
            }

            variance /= count;
            inverseStd[r] = T.One / T.Sqrt(variance + _epsilon);
            for (int i = 0; i < d; i++)
            {
                T xHat = (x[i] - mean) * inverseStd[r];
                normalized.Data[(r * d) + i] = xHat;
                output.Data[(r * d) + i] = (Gamma.Value.Data[i] * xHat) + Beta.Value.Data[i];
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
        int d = Features, rows = xHat.Length / d;
        T count = T.CreateChecked(d);
        var inputGradient = new Tensor<T>(xHat.Shape.ToArray());
        var dxHat = new T[d];
        for (int r = 0; r < rows; r++)
        {
            T meanDxHat = T.Zero, meanDxHatXHat = T.Zero;
            for (int i = 0; i < d; i++)
            {
                T dy = outputGradient.Data[(r * d) + i];
                T h = xHat.Data[(r * d) + i];
                Gamma.Gradient.Data[i] += dy * h;
                Beta.Gradient.Data[i] += dy;
                dxHat[i] = dy * Gamma.Value.Data[i];
                meanDxHat += dxHat[i];
                meanDxHatXHat += dxHat[i] * h;
            }

            meanDxHat /= count;
            meanDxHatXHat /= count;
            for (int i = 0; i < d; i++)
            {
                T h = xHat.Data[(r * d) + i];
                inputGradient.Data[(r * d) + i] = _inverseStd![r] * (dxHat[i] - meanDxHat - (h * meanDxHatXHat));
            }
        }

        return inputGradient;
    }
}
