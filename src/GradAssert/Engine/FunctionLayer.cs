using MathNet.Numerics.LinearAlgebra;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert;

/// <summary>
/// Presents a cost J(θ) and its claimed gradient as a layer whose only parameter is θ, so the function form gets
/// the same engine, probes and report. θ's own storage is perturbed in place when it is a dense vector.
/// </summary>
internal sealed class FunctionLayer : ILayer<double>
{
    private readonly Func<MathNetVector, double> _cost;
    private readonly Func<MathNetVector, MathNetVector> _gradient;
    private readonly MathNetVector _theta;
    private readonly Parameter<double> _parameter;

    public FunctionLayer(Func<MathNetVector, double> cost, Func<MathNetVector, MathNetVector> gradient, MathNetVector theta)
    {
        _cost = cost ?? throw new ArgumentNullException(nameof(cost));
        _gradient = gradient ?? throw new ArgumentNullException(nameof(gradient));
        ArgumentNullException.ThrowIfNull(theta);

        // A dense vector's array is its storage: perturbing it is perturbing θ. Anything else is checked on a dense copy.
        _theta = theta.AsArray() is not null ? theta : Vector<double>.Build.DenseOfVector(theta);
        _parameter = new Parameter<double>("theta", new Tensor<double>([_theta.Count], _theta.AsArray()!));
        Parameters = [_parameter];
    }

    public string Name => "J";

    public IReadOnlyList<Parameter<double>> Parameters { get; }

    public Tensor<double> Forward(Tensor<double> input) => new([1], [_cost(_theta)]);

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var gradient = _gradient(_theta) ?? throw new LayerContractException("The gradient function returned null; it must return dJ/dθ.");
        if (gradient.Count != _theta.Count)
        {
            throw new LayerContractException(
                $"The gradient function returned a vector of shape [{gradient.Count}], but θ has shape [{_theta.Count}]: dJ/dθ must have θ's shape.");
        }

        double r = outputGradient.Data[0];
        for (int i = 0; i < gradient.Count; i++)
        {
            _parameter.Gradient.Data[i] += r * gradient[i];
        }

        return null;
    }

    /// <summary>Checks the function: the upstream gradient is 1, so the report shows dJ/dθ itself.</summary>
    public GradientReport Check(GradCheckOptions? options) =>
        CheckRunner.Run(this, new Tensor<double>(0), options, upstream: new Tensor<double>([1], [1.0]));
}
