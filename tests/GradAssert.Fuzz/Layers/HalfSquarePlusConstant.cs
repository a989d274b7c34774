namespace GradAssert.Fuzz.Layers;

/// <summary>
/// A loss with a constant offset: L = C + ½Σx² over every element, output [1], summed onto C as a user would
/// (a regularizer added to a large running total). Backward: dx = dL·x.
/// </summary>
/// <param name="constant">The offset C, such as 1e9.</param>
internal sealed class HalfSquarePlusConstant<T>(double constant) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Half = T.CreateChecked(0.5);
    private Tensor<T>? _input;

    /// <summary>"HalfSquarePlusConstant".</summary>
    public string Name => "HalfSquarePlusConstant";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _input = input.Clone();
        T sum = T.CreateChecked(constant);
        foreach (var x in input.Data)
        {
            sum += Half * x * x;
        }

        return new Tensor<T>([1], [sum]);
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        var inputGradient = new Tensor<T>([.. input.Shape]);
        for (int i = 0; i < input.Length; i++)
        {
            inputGradient.Data[i] = outputGradient.Data[0] * input.Data[i];
        }

        return inputGradient;
    }
}
