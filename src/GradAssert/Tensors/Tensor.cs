using System.Numerics;
using GradAssert.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace GradAssert;

/// <summary>
/// A dense, row-major tensor over a plain <typeparamref name="T"/> array.
/// The checker perturbs <see cref="Data"/> in place and restores every value bit for bit afterwards.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _shape;
    private readonly int[] _strides;

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    /// <param name="shape">The size of each dimension; each must be zero or more. No dimensions means a scalar.</param>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public Tensor(params int[] shape)
        : this(shape, new T[ShapeMath.CheckedLength(shape, nameof(shape))])
    {
    }

    /// <summary>Wraps <paramref name="data"/> without copying it.</summary>
    /// <param name="shape">The size of each dimension.</param>
    /// <param name="data">Row-major storage whose length must equal the product of <paramref name="shape"/>.</param>
    /// <exception cref="ArgumentException">A dimension is negative, or the data length does not match the shape.</exception>
    public Tensor(int[] shape, T[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        int length = ShapeMath.CheckedLength(shape, nameof(shape));
        if (data.Length != length)
        {
            throw new ArgumentException(
                $"The data holds {data.Length} values but shape {ShapeMath.Format(shape)} needs {length}.", nameof(data));
        }

        _shape = (int[])shape.Clone();
        _strides = ShapeMath.Strides(_shape);
        Data = data;
    }

    /// <summary>The size of each dimension.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of elements (the product of <see cref="Shape"/>).</summary>
    public int Length => Data.Length;

    /// <summary>The row-major storage. Writes go straight into the tensor.</summary>
    public T[] Data { get; }

    /// <summary>The element at a full multi-dimensional index.</summary>
    /// <param name="index">One coordinate per dimension.</param>
    /// <exception cref="ArgumentException">The number of coordinates differs from the rank.</exception>
    /// <exception cref="IndexOutOfRangeException">A coordinate is outside its dimension.</exception>
    public T this[params int[] index]
    {
        get => Data[ShapeMath.Offset(_shape, _strides, index)];
        set => Data[ShapeMath.Offset(_shape, _strides, index)] = value;
    }

    /// <summary>A deep copy: same shape, its own storage.</summary>
    public Tensor<T> Clone() => new(_shape, (T[])Data.Clone());

    /// <summary>Copies a MathNet matrix into a new tensor of shape [rows, columns].</summary>
    /// <param name="matrix">The matrix to copy.</param>
    public static Tensor<T> FromMatrix(Matrix<T> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var tensor = new Tensor<T>(matrix.RowCount, matrix.ColumnCount);
        for (int r = 0; r < matrix.RowCount; r++)
        {
            for (int c = 0; c < matrix.ColumnCount; c++)
            {
                tensor.Data[(r * matrix.ColumnCount) + c] = matrix[r, c];
            }
        }

        return tensor;
    }

    /// <summary>Copies a rank-2 tensor into a new MathNet dense matrix.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not of rank 2.</exception>
    public Matrix<T> ToMatrix()
    {
        if (_shape.Length != 2)
        {
            throw new InvalidOperationException(
                $"ToMatrix needs a tensor of rank 2, but this one has shape {ShapeMath.Format(_shape)}.");
        }

        int rows = _shape[0], columns = _shape[1];
        return Matrix<T>.Build.Dense(rows, columns, (r, c) => Data[(r * columns) + c]);
    }

    /// <summary>The shape and the first few values, for debugging.</summary>
    public override string ToString()
    {
        const int shown = 6;
        var head = string.Join(", ", Data.Take(shown).Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
        return $"Tensor<{typeof(T).Name}>{ShapeMath.Format(_shape)} [{head}{(Length > shown ? ", …" : string.Empty)}]";
    }
}
