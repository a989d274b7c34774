namespace GradAssert.Fuzz.Bugs;

/// <summary>
/// A layer with named inputs whose backward pass is the inner layer's with one input's gradient multiplied by a factor
/// close to 1 (in a copy).
/// </summary>
/// <param name="inner">The correct layer.</param>
/// <param name="input">The input whose gradient is scaled.</param>
/// <param name="factor">What the gradient is multiplied by, such as 1.01.</param>
internal sealed class ScaledMultiTensorGradient<T>(IMultiTensorLayer<T> inner, string input, double factor) : IMultiTensorLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The inner layer's name.</summary>
    public string Name => inner.Name;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => inner.Parameters;

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames => inner.InputNames;

    /// <inheritdoc />
    public IReadOnlyList<string> OutputNames => inner.OutputNames;

    /// <inheritdoc />
    public IReadOnlyList<Tensor<T>> Forward(IReadOnlyList<Tensor<T>> inputs) => inner.Forward(inputs);

    /// <inheritdoc />
    public IReadOnlyList<Tensor<T>?> Backward(IReadOnlyList<Tensor<T>> outputGradients)
    {
        var gradients = inner.Backward(outputGradients).ToArray();
        int at = InputNames.ToList().IndexOf(input);
        if (gradients[at] is { } gradient)
        {
            var scaled = gradient.Clone();
            T f = T.CreateChecked(factor);
            for (int i = 0; i < scaled.Length; i++)
            {
                scaled.Data[i] *= f;
            }

            gradients[at] = scaled;
        }

        return gradients;
    }
}
