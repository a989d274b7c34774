using System.Numerics;

namespace GradAssert.Corpus.Tests.Sensitivity;

/// <summary>
/// A correct layer whose gradient for one tensor (a parameter's, or <c>input</c>) comes out scaled by a factor: the
/// smallest, most common kind of error a hand-written backward pass makes (a missing or extra factor close to 1).
/// Forward is the inner layer's, so the function checked is right and only that tensor's gradient is off.
/// </summary>
internal sealed class ScaledGradient<T>(ILayer<T> inner, string tensor, double factor) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => inner.Name;

    public IReadOnlyList<Parameter<T>> Parameters => inner.Parameters;

    public Tensor<T> Forward(Tensor<T> input) => inner.Forward(input);

    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var inputGradient = inner.Backward(outputGradient);
        var scaled = tensor == "input" ? inputGradient?.Data : inner.Parameters.Single(p => p.Name == tensor).Gradient.Data;
        if (scaled is not null)
        {
            T f = T.CreateChecked(factor);
            for (int i = 0; i < scaled.Length; i++)
            {
                scaled[i] *= f;
            }
        }

        return inputGradient;
    }
}
