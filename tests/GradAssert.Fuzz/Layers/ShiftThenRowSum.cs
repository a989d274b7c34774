namespace GradAssert.Fuzz.Layers;

/// <summary>
/// y_b = Σ_i (x_bi + s) with one learned shift s, whose gradient the backward accumulates naively, adding the row's
/// upstream gradient once per input: n copies of one value, whose roundings in float all lean one way (up to n/2
/// roundings of the sum, where a random walk gives √n). Correct, and as a hand-written loop would have it.
/// </summary>
internal sealed class ShiftThenRowSum<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _shift;
    private int _columns;

    /// <param name="shift">The shift's starting value.</param>
    public ShiftThenRowSum(T shift) => _shift = new Parameter<T>("shift", new Tensor<T>([1], [shift]));

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [_shift];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        (int rows, _columns) = (input.Shape[0], input.Shape[1]);
        var y = new Tensor<T>([rows, 1]);
        for (int b = 0; b < rows; b++)
        {
            T sum = T.Zero;
            for (int i = 0; i < _columns; i++)
            {
                sum += input.Data[(b * _columns) + i] + _shift.Value.Data[0];
            }

            y.Data[b] = sum;
        }

        return y;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        int rows = outputGradient.Shape[0];
        var dx = new Tensor<T>([rows, _columns]);
        T shift = T.Zero;
        for (int b = 0; b < rows; b++)
        {
            for (int i = 0; i < _columns; i++)
            {
                dx.Data[(b * _columns) + i] = outputGradient.Data[b];
                shift += outputGradient.Data[b];
            }
        }

        _shift.Gradient.Data[0] += shift;
        return dx;
    }
}
