namespace GradAssert.Fuzz.Layers;

/// <summary>
/// Each row's mean, y_b = Σ_i x_bi / n: every input's exact derivative in a row is the same, so the exact reference's
/// comparison along the gradient's own direction sums n copies of one value in its dual pass, unless it jitters them.
/// </summary>
internal sealed class MeanOfRows<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int _columns;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

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
                sum += input.Data[(b * _columns) + i];
            }

            y.Data[b] = sum / T.CreateChecked(_columns);
        }

        return y;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        int rows = outputGradient.Shape[0];
        var dx = new Tensor<T>([rows, _columns]);
        for (int b = 0; b < rows; b++)
        {
            for (int i = 0; i < _columns; i++)
            {
                dx.Data[(b * _columns) + i] = outputGradient.Data[b] / T.CreateChecked(_columns);
            }
        }

        return dx;
    }
}
