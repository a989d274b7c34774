using System.Numerics;

namespace GradAssert.Benchmarks;

/// <summary>A layer that counts its forward passes, for a cost measure no shared machine can blur.</summary>
internal sealed class CountingLayer<T>(ILayer<T> inner, int[] count) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name => inner.Name;

    public IReadOnlyList<Parameter<T>> Parameters => inner.Parameters;

    public Tensor<T> Forward(Tensor<T> input)
    {
        count[0]++;
        return inner.Forward(input);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient) => inner.Backward(outputGradient);
}
