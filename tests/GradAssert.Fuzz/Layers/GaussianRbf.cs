namespace GradAssert.Fuzz.Layers;

/// <summary>
/// Gaussian radial basis units: y[n, j] = exp(−‖xₙ − cⱼ‖² / (2σ²)) for input [batch, features] and centres
/// [units, features] (a parameter). Backward: dx = Σⱼ dy·y·(cⱼ − x)/σ², dcⱼ = Σₙ dy·y·(x − cⱼ)/σ².
/// </summary>
/// <param name="centres">The initial centres, [units, features].</param>
/// <param name="sigma">The width σ.</param>
internal sealed class GaussianRbf<T>(Tensor<T> centres, double sigma) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _variance = T.CreateChecked(sigma * sigma);
    private Tensor<T>? _input, _output;

    /// <summary>"GaussianRbf".</summary>
    public string Name => "GaussianRbf";

    /// <summary>The centres, [units, features].</summary>
    public Parameter<T> Centres { get; } = new("centres", centres);

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Centres];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int batch = input.Shape[0], features = input.Shape[1], units = Centres.Value.Shape[0];
        _input = input.Clone();
        var output = new Tensor<T>(batch, units);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < units; j++)
            {
                T distance = T.Zero;
                for (int k = 0; k < features; k++)
                {
                    T d = input.Data[(n * features) + k] - Centres.Value.Data[(j * features) + k];
                    distance += d * d;
                }

                output.Data[(n * units) + j] = T.Exp(-distance / (_variance + _variance));
            }
        }

        _output = output.Clone();
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int batch = input.Shape[0], features = input.Shape[1], units = Centres.Value.Shape[0];
        var inputGradient = new Tensor<T>(batch, features);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < units; j++)
            {
                T common = outputGradient.Data[(n * units) + j] * _output!.Data[(n * units) + j] / _variance;
                for (int k = 0; k < features; k++)
                {
                    T d = input.Data[(n * features) + k] - Centres.Value.Data[(j * features) + k];
                    inputGradient.Data[(n * features) + k] -= common * d;
                    Centres.Gradient.Data[(j * features) + k] += common * d;
                }
            }
        }

        return inputGradient;
    }
}
