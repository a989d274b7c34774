using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A loss with a target: L = (1/B)·Σ (prediction − target)² over a batch of B rows. The target is an input like the
/// prediction, declared constant in the check (<c>LayerInputs.Constant</c>): never perturbed, listed as constant.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class MeanSquaredErrorLoss<T> : IMultiTensorLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> _difference = new(0);

    /// <summary>Broken on purpose when true: the gradient forgets the 1/B of the mean.</summary>
    public bool GradientMissesBatchMean { get; init; }

    /// <inheritdoc />
    public string Name => "MSE";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames => ["prediction", "target"];

    /// <inheritdoc />
    public IReadOnlyList<string> OutputNames => ["loss"];

    /// <inheritdoc />
    public IReadOnlyList<Tensor<T>> Forward(IReadOnlyList<Tensor<T>> inputs)
    {
        _difference = new Tensor<T>(inputs[0].Shape.ToArray(), inputs[0].Data.Zip(inputs[1].Data, (p, t) => p - t).ToArray());
        T sum = T.Zero;
        foreach (var d in _difference.Data)
        {
            sum += d * d;
        }

        return [new Tensor<T>([1], [sum / T.CreateTruncating(inputs[0].Shape[0])])];
    }

    /// <inheritdoc />
    public IReadOnlyList<Tensor<T>?> Backward(IReadOnlyList<Tensor<T>> outputGradients)
    {
        T scale = outputGradients[0].Data[0] * T.CreateTruncating(2) / (GradientMissesBatchMean ? T.One : T.CreateTruncating(_difference.Shape[0]));
        return [new Tensor<T>(_difference.Shape.ToArray(), _difference.Data.Select(d => d * scale).ToArray()), null];
    }
}
