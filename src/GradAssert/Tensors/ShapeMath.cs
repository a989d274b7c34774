using System.Globalization;

namespace GradAssert.Tensors;

/// <summary>Row-major index arithmetic and shape formatting shared by tensors and reports.</summary>
internal static class ShapeMath
{
    public static int CheckedLength(IReadOnlyList<int> shape, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(shape, parameterName);
        long length = 1;
        for (int d = 0; d < shape.Count; d++)
        {
            if (shape[d] < 0)
            {
                throw new ArgumentException($"Dimension {d} of shape {Format(shape)} is negative.", parameterName);
            }

            length *= shape[d];
            if (length > Array.MaxLength)
            {
                throw new ArgumentException($"Shape {Format(shape)} holds more elements than an array can.", parameterName);
            }
        }

        return (int)length;
    }

    public static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        return strides;
    }

    public static int Offset(int[] shape, int[] strides, int[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length != shape.Length)
        {
            throw new ArgumentException(
                $"Index {Format(index)} has {index.Length} coordinates but the tensor of shape {Format(shape)} has rank {shape.Length}.",
                nameof(index));
        }

        int offset = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            if ((uint)index[d] >= (uint)shape[d])
            {
                throw new IndexOutOfRangeException(
                    $"Index {Format(index)} is outside shape {Format(shape)} (coordinate {d} must be below {shape[d]}).");
            }

            offset += index[d] * strides[d];
        }

        return offset;
    }

    /// <summary>The multi-dimensional index of a row-major offset.</summary>
    public static int[] Unravel(IReadOnlyList<int> shape, int offset)
    {
        var index = new int[shape.Count];
        for (int d = shape.Count - 1; d >= 0; d--)
        {
            if (shape[d] == 0)
            {
                return index;
            }

            index[d] = offset % shape[d];
            offset /= shape[d];
        }

        return index;
    }

    public static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int d = 0; d < a.Count; d++)
        {
            if (a[d] != b[d])
            {
                return false;
            }
        }

        return true;
    }

    public static string Format(IReadOnlyList<int> shape) =>
        "[" + string.Join(",", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";
}
