namespace GradAssert.Fuzz.Layers;

/// <summary>
/// log Σ eˣ over each row of [rows, width], computed as m + log Σ e^(x − m) with m the row's maximum; output [rows].
/// Backward: dx = dy·e^(x − y), the row's softmax.
/// </summary>
internal sealed class LogSumExp<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input, _output;

    /// <summary>"LogSumExp".</summary>
    public string Name => "LogSumExp";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int rows = input.Shape[0], width = input.Shape[1];
        _input = input.Clone();
        var output = new Tensor<T>(rows);
        for (int r = 0; r < rows; r++)
        {
            var x = input.Data.AsSpan(r * width, width);
            T max = T.NegativeInfinity;
            foreach (var v in x)
            {
                max = T.Max(max, v);
            }

            T sum = T.Zero;
            foreach (var v in x)
            {
                sum += T.Exp(v - max);
            }

            output.Data[r] = max + T.Log(sum);
        }

        _output = output.Clone();
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int rows = input.Shape[0], width = input.Shape[1];
        var inputGradient = new Tensor<T>(rows, width);
        for (int i = 0; i < input.Length; i++)
        {
            inputGradient.Data[i] = outputGradient.Data[i / width] * T.Exp(input.Data[i] - _output!.Data[i / width]);
        }

        return inputGradient;
    }
}
