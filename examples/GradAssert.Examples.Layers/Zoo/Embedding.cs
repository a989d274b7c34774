using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A lookup table: each input value is a row index into a [vocabulary, dimension] table, and the output appends the
/// dimension to the input's shape. The indices are not differentiable, so <see cref="Backward"/> returns null; the
/// table's gradient adds up the gradients of every position that used a row (indices may repeat).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Embedding<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _indices;

    /// <summary>Creates the table with rows drawn from N(0, 1).</summary>
    /// <param name="vocabulary">The number of rows (distinct indices).</param>
    /// <param name="dimension">The length of each row.</param>
    /// <param name="seed">Seeds the table.</param>
    public Embedding(int vocabulary, int dimension, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabulary, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Vocabulary = vocabulary;
        Dimension = dimension;
        Table = new Parameter<T>("table", Init.Normal<T>(seed, 1.0, vocabulary, dimension));
    }

    /// <summary>The name the report shows; "Embedding" unless set.</summary>
    public string Name { get; init; } = "Embedding";

    /// <summary>The number of rows.</summary>
    public int Vocabulary { get; }

    /// <summary>The length of each row.</summary>
    public int Dimension { get; }

    /// <summary>The table, shape [vocabulary, dimension].</summary>
    public Parameter<T> Table { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Table];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        var indices = new int[input.Length];
        var output = new Tensor<T>([.. input.Shape, Dimension]);
        for (int i = 0; i < indices.Length; i++)
        {
            int row = int.CreateChecked(input.Data[i]);
            if (row < 0 || row >= Vocabulary || T.CreateChecked(row) != input.Data[i])
            {
                throw new ArgumentException($"Input element {i} is {input.Data[i]}, not an index in [0, {Vocabulary}).", nameof(input));
            }

            indices[i] = row;
            Array.Copy(Table.Value.Data, row * Dimension, output.Data, i * Dimension, Dimension);
        }

        _indices = indices;
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var indices = _indices ?? throw new InvalidOperationException("Backward before Forward.");
        for (int i = 0; i < indices.Length; i++)
        {
            for (int k = 0; k < Dimension; k++)
            {
                Table.Gradient.Data[(indices[i] * Dimension) + k] += outputGradient.Data[(i * Dimension) + k];
            }
        }

        return null;
    }
}
