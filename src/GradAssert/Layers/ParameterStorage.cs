using System.Numerics;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace GradAssert;

/// <summary>
/// Where a <see cref="Parameter{T}"/> made with <c>Parameter&lt;T&gt;.Over(…)</c> really lives: a segment of a larger
/// array, a <see cref="Memory{T}"/>, a MathNet matrix, or get/set calls into a library's own tensor type. The checker
/// works on the parameter's <see cref="Parameter{T}.Value"/> and <see cref="Parameter{T}.Gradient"/> (row-major
/// mirrors) and copies them to and from the storage around every call into the layer.
/// </summary>
internal abstract class ParameterStorage<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>What identifies the storage: parameters with equal keys are the same storage (tied weights).</summary>
    public abstract object Key { get; }

    /// <summary>What identifies the storage of the gradient: parameters with equal keys share one gradient buffer.</summary>
    public abstract object GradientKey { get; }

    /// <summary>The array region the values live in, when they live in a managed array: overlaps are detected through it.</summary>
    public virtual (T[] Array, int Offset, int Length)? Region => null;

    /// <summary>The array region the gradient lives in, when it lives in a managed array.</summary>
    public virtual (T[] Array, int Offset, int Length)? GradientRegion => null;

    /// <summary>Copies the values from the storage into <paramref name="values"/> (row-major).</summary>
    public abstract void ReadValues(Span<T> values);

    /// <summary>Copies <paramref name="values"/> (row-major) into the storage.</summary>
    public abstract void WriteValues(ReadOnlySpan<T> values);

    /// <summary>Copies the gradient from the storage into <paramref name="gradient"/>.</summary>
    public abstract void ReadGradient(Span<T> gradient);

    /// <summary>Copies <paramref name="gradient"/> into the storage.</summary>
    public abstract void WriteGradient(ReadOnlySpan<T> gradient);
}

/// <summary>Values and gradient in two <see cref="Memory{T}"/> regions (array segments included).</summary>
internal sealed class MemoryStorage<T>(Memory<T> value, Memory<T> gradient) : ParameterStorage<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override object Key => Region is var (array, offset, length) ? (array, offset, length) : value;

    public override object GradientKey => GradientRegion is var (array, offset, length) ? (array, offset, length) : gradient;

    public override (T[] Array, int Offset, int Length)? Region => RegionOf(value);

    public override (T[] Array, int Offset, int Length)? GradientRegion => RegionOf(gradient);

    private static (T[] Array, int Offset, int Length)? RegionOf(Memory<T> memory) =>
        MemoryMarshal.TryGetArray<T>(memory, out var segment) && segment.Array is not null ? (segment.Array, segment.Offset, segment.Count) : null;

    public override void ReadValues(Span<T> values) => value.Span.CopyTo(values);

    public override void WriteValues(ReadOnlySpan<T> values) => values.CopyTo(value.Span);

    public override void ReadGradient(Span<T> into) => gradient.Span.CopyTo(into);

    public override void WriteGradient(ReadOnlySpan<T> from) => from.CopyTo(gradient.Span);
}

/// <summary>Values and gradient in two MathNet matrices of any storage order; the mirrors are row-major.</summary>
internal sealed class MatrixStorage<T>(Matrix<T> value, Matrix<T> gradient) : ParameterStorage<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override object Key => value;

    public override object GradientKey => gradient;

    public override void ReadValues(Span<T> values) => Read(value, values);

    public override void WriteValues(ReadOnlySpan<T> values) => Write(value, values);

    public override void ReadGradient(Span<T> into) => Read(gradient, into);

    public override void WriteGradient(ReadOnlySpan<T> from) => Write(gradient, from);

    private static void Read(Matrix<T> matrix, Span<T> into)
    {
        int columns = matrix.ColumnCount;
        for (int r = 0; r < matrix.RowCount; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                into[(r * columns) + c] = matrix[r, c];
            }
        }
    }

    private static void Write(Matrix<T> matrix, ReadOnlySpan<T> from)
    {
        int columns = matrix.ColumnCount;
        for (int r = 0; r < matrix.RowCount; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                matrix[r, c] = from[(r * columns) + c];
            }
        }
    }
}

/// <summary>Values and gradient reachable only through get/set calls, by row-major index.</summary>
internal sealed class AccessorStorage<T>(Func<int, T> getValue, Action<int, T> setValue, Func<int, T> getGradient, Action<int, T> setGradient)
    : ParameterStorage<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>What identifies the value and gradient storage when the calls alone do not (closures made anew each time).</summary>
    public (object Source, object Value, object Gradient)? Identity { get; init; }

    // The calls themselves identify the storage: delegates to the same method of the same object are equal, so the same
    // parameter listed again as a new object (an expression-bodied Parameters) is recognised.
    public override object Key => Identity is var (source, value, _) ? (source, value) : (getValue, setValue);

    public override object GradientKey => Identity is var (source, _, gradient) ? (source, gradient) : (getGradient, setGradient);

    public override void ReadValues(Span<T> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = getValue(i);
        }
    }

    public override void WriteValues(ReadOnlySpan<T> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            setValue(i, values[i]);
        }
    }

    public override void ReadGradient(Span<T> into)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] = getGradient(i);
        }
    }

    public override void WriteGradient(ReadOnlySpan<T> from)
    {
        for (int i = 0; i < from.Length; i++)
        {
            setGradient(i, from[i]);
        }
    }
}
