using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A fully connected layer, y = x·W + b, with x of shape [batch, in], W of shape [in, out] and b of shape [out].
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Dense<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;

    /// <summary>Creates the layer with weights drawn from N(0, 1/in) and a bias drawn from N(0, 0.1²).</summary>
    /// <param name="inputs">The number of input features.</param>
    /// <param name="outputs">The number of output features.</param>
    /// <param name="seed">Seeds the initial weights.</param>
    public Dense(int inputs, int outputs, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Inputs = inputs;
        Outputs = outputs;
        W = new Parameter<T>("W", Init.Normal<T>(seed, 1.0 / Math.Sqrt(inputs), inputs, outputs));
        B = new Parameter<T>("b", Init.Normal<T>(seed + 1, 0.1, outputs));
    }

    /// <summary>The name the report shows; "Dense" unless set.</summary>
    public string Name { get; init; } = "Dense";

    /// <summary>The number of input features.</summary>
    public int Inputs { get; }

    /// <summary>The number of output features.</summary>
    public int Outputs { get; }

    /// <summary>The weights, shape [in, out].</summary>
    public Parameter<T> W { get; }

    /// <summary>The bias, shape [out].</summary>
    public Parameter<T> B { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [W, B];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        if (input.Shape.Count != 2 || input.Shape[1] != Inputs)
        {
            throw new ArgumentException(
                $"Dense expects an input of shape [batch, {Inputs}], but got [{string.Join(",", input.Shape)}].", nameof(input));
        }

        _input = input.Clone();
        int batch = input.Shape[0];
        var output = new Tensor<T>(batch, Outputs);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < Outputs; j++)
            {
                T sum = B.Value.Data[j];
                for (int i = 0; i < Inputs; i++)
                {
                    sum += input.Data[(n * Inputs) + i] * W.Value.Data[(i * Outputs) + j];
                }

                output.Data[(n * Outputs) + j] = sum;
            }
        }

        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var x = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int batch = x.Shape[0];
        var inputGradient = new Tensor<T>(batch, Inputs);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < Outputs; j++)
            {
                T dy = outputGradient.Data[(n * Outputs) + j];
                B.Gradient.Data[j] += dy;                                             // db = Σₙ dy
                for (int i = 0; i < Inputs; i++)
                {
                    W.Gradient.Data[(i * Outputs) + j] += x.Data[(n * Inputs) + i] * dy;      // dW = xᵀ·dy
                    inputGradient.Data[(n * Inputs) + i] += W.Value.Data[(i * Outputs) + j] * dy; // dx = dy·Wᵀ
                }
            }
        }

        return inputGradient;
    }
}
