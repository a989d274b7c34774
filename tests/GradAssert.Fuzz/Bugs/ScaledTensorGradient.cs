namespace GradAssert.Fuzz.Bugs;

/// <summary>
/// A layer whose backward pass is the inner layer's with one tensor's gradient (a parameter's, or <c>input</c>)
/// multiplied by a factor close to 1, in full or at one element: the small error a hand-written backward makes. The
/// input gradient is scaled in a copy, so a layer that hands back the upstream tensor itself keeps it intact.
/// </summary>
/// <param name="inner">The correct layer.</param>
/// <param name="tensor">The parameter's name, or <c>input</c>.</param>
/// <param name="factor">What the gradient is multiplied by, such as 1.01.</param>
/// <param name="element">The one element scaled, or null for the whole tensor.</param>
internal sealed class ScaledTensorGradient<T>(ILayer<T> inner, string tensor, double factor, int? element = null) : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The inner layer's name, so the report reads as it would for the inner layer.</summary>
    public string Name => inner.Name;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => inner.Parameters;

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input) => inner.Forward(input);

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var inputGradient = inner.Backward(outputGradient);
        if (tensor == "input")
        {
            inputGradient = inputGradient?.Clone();
            Scale(inputGradient?.Data);
        }
        else
        {
            Scale(inner.Parameters.Single(p => p.Name == tensor).Gradient.Data);
        }

        return inputGradient;
    }

    private void Scale(T[]? gradient)
    {
        if (gradient is null)
        {
            return;
        }

        T f = T.CreateChecked(factor);
        if (element is int at)
        {
            gradient[at] *= f;
            return;
        }

        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] *= f;
        }
    }
}
