using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// Softmax over the last axis: yᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x). Backward: dxᵢ = yᵢ·(dyᵢ − Σⱼ dyⱼ·yⱼ).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Softmax<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _output;

    /// <summary>The name the report shows; "Softmax" unless set.</summary>
    public string Name { get; init; } = "Softmax";

    /// <summary>None.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int width = input.Shape[^1];
        var output = new Tensor<T>(input.Shape.ToArray());
        for (int row = 0; row * width < input.Length; row++)
        {
            var x = input.Data.AsSpan(row * width, width);
            var y = output.Data.AsSpan(row * width, width);
            T max = T.NegativeInfinity;
            foreach (var v in x)
            {
                max = T.Max(max, v);
            }

            T sum = T.Zero;
            for (int i = 0; i < width; i++)
            {
                y[i] = T.Exp(x[i] - max);   // subtracting the max keeps e^x finite for large logits
                sum += y[i];
            }

            for (int i = 0; i < width; i++)
            {
                y[i] /= sum;
            }
        }

        _output = output.Clone();
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var output = _output ?? throw new InvalidOperationException("Backward before Forward.");
        int width = output.Shape[^1];
        var inputGradient = new Tensor<T>(output.Shape.ToArray());
        for (int row = 0; row * width < output.Length; row++)
        {
            var y = output.Data.AsSpan(row * width, width);
            var dy = outputGradient.Data.AsSpan(row * width, width);
            T dot = T.Zero;
            for (int i = 0; i < width; i++)
            {
                dot += dy[i] * y[i];
            }

            for (int i = 0; i < width; i++)
            {
                inputGradient.Data[(row * width) + i] = y[i] * (dy[i] - dot);
            }
        }

        return inputGradient;
    }
}
