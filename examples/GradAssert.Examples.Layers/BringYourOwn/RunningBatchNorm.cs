using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// Batch normalization as a training library writes it: in training mode each Forward normalizes with the batch's mean
/// and variance and moves the running statistics toward them (momentum 0.1), for inference later. The running mean and
/// variance are hidden state Forward changes; the check puts them back afterwards without being asked, so checking the
/// layer does not train it. Nothing here knows about GradAssert beyond <see cref="ILayer{T}"/>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class RunningBatchNorm<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _momentum = T.CreateTruncating(0.1);
    private readonly T _epsilon = T.CreateTruncating(1e-5);
    private Tensor<T> _normalized = new(0);
    private T[] _inverseStd = [];

    /// <summary>A layer over <paramref name="features"/> features, γ near 1 and β near 0, running mean 0 and variance 1.</summary>
    /// <param name="features">The size of the feature axis.</param>
    /// <param name="seed">Seeds γ and β.</param>
    public RunningBatchNorm(int features, int seed = 0)
    {
        Features = features;
        var gamma = Init.Normal<T>(seed, 0.1, features);
        for (int i = 0; i < features; i++)
        {
            gamma.Data[i] += T.One;
        }

        Gamma = new Parameter<T>("gamma", gamma);
        Beta = new Parameter<T>("beta", Init.Normal<T>(seed + 1, 0.1, features));
        RunningMean = new T[features];
        RunningVariance = Enumerable.Repeat(T.One, features).ToArray();
    }

    /// <summary>The name the report shows.</summary>
    public string Name => "BatchNorm";

    /// <summary>The size of the feature axis.</summary>
    public int Features { get; }

    /// <summary>The scale γ.</summary>
    public Parameter<T> Gamma { get; }

    /// <summary>The shift β.</summary>
    public Parameter<T> Beta { get; }

    /// <summary>The running mean, moved toward each training batch's mean.</summary>
    public T[] RunningMean { get; }

    /// <summary>The running variance, moved toward each training batch's variance.</summary>
    public T[] RunningVariance { get; }

    /// <summary>
    /// Broken on purpose when true: training mode normalizes with the running statistics it has just moved, so the same
    /// input gives another output on every call.
    /// </summary>
    public bool NormalizesWithRunningStatistics { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Gamma, Beta];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int n = input.Shape[0], d = Features;
        T count = T.CreateChecked(n);
        _normalized = new Tensor<T>(n, d);
        _inverseStd = new T[d];
        var output = new Tensor<T>(n, d);
        for (int f = 0; f < d; f++)
        {
            T mean = T.Zero, variance = T.Zero;
            for (int b = 0; b < n; b++)
            {
                mean += input[b, f];
            }

            mean /= count;
            for (int b = 0; b < n; b++)
            {
                variance += (input[b, f] - mean) * (input[b, f] - mean);
            }

            variance /= count;
            RunningMean[f] = ((T.One - _momentum) * RunningMean[f]) + (_momentum * mean);
            RunningVariance[f] = ((T.One - _momentum) * RunningVariance[f]) + (_momentum * variance);
            if (NormalizesWithRunningStatistics)
            {
                (mean, variance) = (RunningMean[f], RunningVariance[f]);
            }

            _inverseStd[f] = T.One / T.Sqrt(variance + _epsilon);
            for (int b = 0; b < n; b++)
            {
                _normalized[b, f] = (input[b, f] - mean) * _inverseStd[f];
                output[b, f] = (Gamma.Value[f] * _normalized[b, f]) + Beta.Value[f];
            }
        }

        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        int n = _normalized.Shape[0], d = Features;
        T count = T.CreateChecked(n);
        var inputGradient = new Tensor<T>(n, d);
        for (int f = 0; f < d; f++)
        {
            T meanDxHat = T.Zero, meanDxHatXHat = T.Zero;
            for (int b = 0; b < n; b++)
            {
                T dy = outputGradient[b, f], h = _normalized[b, f];
                Gamma.Gradient[f] += dy * h;
                Beta.Gradient[f] += dy;
                meanDxHat += dy * Gamma.Value[f];
                meanDxHatXHat += dy * Gamma.Value[f] * h;
            }

            meanDxHat /= count;
            meanDxHatXHat /= count;
            for (int b = 0; b < n; b++)
            {
                T dxHat = outputGradient[b, f] * Gamma.Value[f];
                inputGradient[b, f] = _inverseStd[f] * (dxHat - meanDxHat - (_normalized[b, f] * meanDxHatXHat));
            }
        }

        return inputGradient;
    }
}
