using System.Numerics;

namespace GradAssert.Fixtures;

/// <summary>y = w ⊙ x, row by row: x is [batch, n], w is [n]. Generic in T, for the tests checked once per type.</summary>
public sealed class ElementwiseScale<T> : ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;

    public ElementwiseScale(int width, int seed)
    {
        var random = new Random(seed);
        var w = new Tensor<T>(width);
        for (int i = 0; i < width; i++)
        {
            w.Data[i] = T.CreateTruncating(0.5 + random.NextDouble());
        }

        W = new Parameter<T>("w", w);
        Parameters = [W];
    }

    public string Name => "Scale";

    public Parameter<T> W { get; }

    /// <summary>A planted bug: the weight gradient is doubled.</summary>
    public bool WeightGradientDoubled { get; init; }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public Tensor<T> Forward(Tensor<T> input)
    {
        _input = input.Clone();
        var output = input.Clone();
        int width = W.Value.Length;
        for (int i = 0; i < output.Length; i++)
        {
            output.Data[i] *= W.Value.Data[i % width];
        }

        return output;
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        var inputGradient = outputGradient.Clone();
        int width = W.Value.Length;
        for (int i = 0; i < input.Length; i++)
        {
            var gradient = outputGradient.Data[i] * input.Data[i];
            W.Gradient.Data[i % width] += WeightGradientDoubled ? gradient + gradient : gradient;
            inputGradient.Data[i] *= W.Value.Data[i % width];
        }

        return inputGradient;
    }
}
