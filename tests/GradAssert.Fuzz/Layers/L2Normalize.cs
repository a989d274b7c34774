namespace GradAssert.Fuzz.Layers;

/// <summary>y = x/‖x‖ over each row of [rows, width]. Backward: dx = (dy − y·⟨y, dy⟩)/‖x‖.</summary>
internal sealed class L2Normalize<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _output;
    private T[]? _norms;

    /// <summary>"L2Normalize".</summary>
    public string Name => "L2Normalize";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int rows = input.Shape[0], width = input.Shape[1];
        var output = new Tensor<T>(rows, width);
        _norms = new T[rows];
        for (int r = 0; r < rows; r++)
        {
            T squares = T.Zero;
            for (int k = 0; k < width; k++)
            {
                squares += input.Data[(r * width) + k] * input.Data[(r * width) + k];
            }

            _norms[r] = T.Sqrt(squares);
            for (int k = 0; k < width; k++)
            {
                output.Data[(r * width) + k] = input.Data[(r * width) + k] / _norms[r];
            }
        }

        _output = output.Clone();
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var y = _output ?? throw new InvalidOperationException("Backward before Forward.");
        int rows = y.Shape[0], width = y.Shape[1];
        var inputGradient = new Tensor<T>(rows, width);
        for (int r = 0; r < rows; r++)
        {
            T dot = T.Zero;
            for (int k = 0; k < width; k++)
            {
                dot += y.Data[(r * width) + k] * outputGradient.Data[(r * width) + k];
            }

            for (int k = 0; k < width; k++)
            {
                int i = (r * width) + k;
                inputGradient.Data[i] = (outputGradient.Data[i] - (y.Data[i] * dot)) / _norms![r];
            }
        }

        return inputGradient;
    }
}
