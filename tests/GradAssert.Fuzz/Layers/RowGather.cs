namespace GradAssert.Fuzz.Layers;

/// <summary>
/// The shape of order statistics over each row of [rows, width]: every output picks one input element of its row
/// (y[r, j] = x[r, pick[j]]), and backward sends each output's gradient to the element it picked. Where values tie,
/// the pick is one valid choice among several: the function has a kink there.
/// </summary>
internal abstract class RowGather<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[][]? _picks;
    private int[]? _inputShape;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int rows = input.Shape[0], width = input.Shape[1];
        _inputShape = [rows, width];
        _picks = new int[rows][];
        for (int r = 0; r < rows; r++)
        {
            _picks[r] = Pick(input.Data.AsSpan(r * width, width).ToArray());
        }

        int outputs = _picks.Length == 0 ? 0 : _picks[0].Length;
        var output = new Tensor<T>(rows, outputs);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < outputs; j++)
            {
                output.Data[(r * outputs) + j] = input.Data[(r * width) + _picks[r][j]];
            }
        }

        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var picks = _picks ?? throw new InvalidOperationException("Backward before Forward.");
        var inputGradient = new Tensor<T>(_inputShape!);
        int width = _inputShape![1];
        for (int r = 0; r < picks.Length; r++)
        {
            for (int j = 0; j < picks[r].Length; j++)
            {
                inputGradient.Data[(r * width) + picks[r][j]] += outputGradient.Data[(r * picks[r].Length) + j];
            }
        }

        return inputGradient;
    }

    /// <summary>The positions in <paramref name="row"/> the outputs take, in output order; the same count for every row.</summary>
    protected abstract int[] Pick(T[] row);

    /// <summary>The positions of <paramref name="row"/> in ascending order of value, ties in order of position (a stable sort).</summary>
    protected static int[] Ascending(T[] row) => [.. Enumerable.Range(0, row.Length).OrderBy(i => row[i])];
}

/// <summary>Sorts each row ascending (stable on ties).</summary>
internal sealed class SortRows<T> : RowGather<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name => "SortRows";

    /// <inheritdoc />
    protected override int[] Pick(T[] row) => Ascending(row);
}

/// <summary>The median of each row (of odd width), output [rows, 1].</summary>
internal sealed class MedianOfRows<T> : RowGather<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name => "MedianOfRows";

    /// <inheritdoc />
    protected override int[] Pick(T[] row) => [Ascending(row)[row.Length / 2]];
}

/// <summary>The k largest values of each row, largest first (the earlier position first on ties), output [rows, k].</summary>
/// <param name="k">How many values, at most the row's width.</param>
internal sealed class TopKOfRows<T>(int k) : RowGather<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Name => "TopKOfRows";

    /// <inheritdoc />
    protected override int[] Pick(T[] row) => [.. Enumerable.Range(0, row.Length).OrderByDescending(i => row[i]).Take(k)];
}
