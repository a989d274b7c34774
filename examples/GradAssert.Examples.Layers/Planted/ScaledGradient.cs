using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A bug planted on purpose: any layer whose gradient for one tensor (a parameter's, or <c>input</c>) comes out scaled
/// by a factor, the smallest and most common kind of error a hand-written backward pass makes (a factor close to 1 too
/// many or too few). Forward is the inner layer's, so the function is right and only that gradient is off. The
/// sensitivity table (scripts/sensitivity-table.sh) and the Taylor test's tests plant it with factors 1 + δ.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="inner">The correct layer.</param>
/// <param name="tensor">The parameter's name, or <c>input</c>.</param>
/// <param name="factor">What that gradient is multiplied by, such as 1.003.</param>
public sealed class ScaledGradient<T>(ILayer<T> inner, string tensor, double factor) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
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
