namespace GradAssert.Fuzz.Layers;

/// <summary>
/// The mean squared error of a prediction against a target, both [batch, features]: L = mean((p − t)²), output [1].
/// The target is a named input the check holds constant. Backward: dp = dL·2(p − t)/count; the target gets none.
/// </summary>
internal sealed class MseLoss<T> : IMultiTensorLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _difference;

    /// <summary>"MseLoss".</summary>
    public string Name => "MseLoss";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames => ["prediction", "target"];

    /// <inheritdoc />
    public IReadOnlyList<string> OutputNames => ["loss"];

    /// <inheritdoc />
    public IReadOnlyList<Tensor<T>> Forward(IReadOnlyList<Tensor<T>> inputs)
    {
        var difference = new Tensor<T>([.. inputs[0].Shape]);
        T sum = T.Zero;
        for (int i = 0; i < difference.Length; i++)
        {
            difference.Data[i] = inputs[0].Data[i] - inputs[1].Data[i];
            sum += difference.Data[i] * difference.Data[i];
        }

        _difference = difference;
        return [new Tensor<T>([1], [sum / T.CreateChecked(difference.Length)])];
    }

    /// <inheritdoc />
    public IReadOnlyList<Tensor<T>?> Backward(IReadOnlyList<Tensor<T>> outputGradients)
    {
        var difference = _difference ?? throw new InvalidOperationException("Backward before Forward.");
        T scale = outputGradients[0].Data[0] * T.CreateChecked(2) / T.CreateChecked(difference.Length);
        var prediction = new Tensor<T>([.. difference.Shape]);
        for (int i = 0; i < prediction.Length; i++)
        {
            prediction.Data[i] = scale * difference.Data[i];
        }

        return [prediction, null];
    }
}
