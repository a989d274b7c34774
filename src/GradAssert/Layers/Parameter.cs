using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using GradAssert.Tensors;

namespace GradAssert;

/// <summary>A named trainable tensor and the buffer its gradient is written into.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Pairs a value with its gradient buffer.</summary>
    /// <param name="name">The name the report shows, such as <c>W</c> or <c>bias</c>.</param>
    /// <param name="value">The parameter's value; the checker perturbs it in place and restores it.</param>
    /// <param name="gradient">Where <c>Backward</c> writes dL/dθ; must have the shape of <paramref name="value"/>.</param>
    /// <exception cref="ArgumentException">The name is empty, the two are the same tensor, or their shapes differ.</exception>
    public Parameter(string name, Tensor<T> value, Tensor<T> gradient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(gradient);
        if (!ShapeMath.SameShape(value.Shape, gradient.Shape))
        {
            throw new ArgumentException(
                $"Parameter '{name}': the gradient has shape {ShapeMath.Format(gradient.Shape)} but the value has shape {ShapeMath.Format(value.Shape)}.",
                nameof(gradient));
        }

        if (ReferenceEquals(value.Data, gradient.Data))
        {
            throw new ArgumentException(
                $"Parameter '{name}': the value and the gradient share one array; give the gradient its own tensor.",
                nameof(gradient));
        }

        Name = name;
        Value = value;
        Gradient = gradient;
    }

    /// <summary>Creates a parameter whose gradient buffer is a new zero tensor of the value's shape.</summary>
    /// <param name="name">The name the report shows.</param>
    /// <param name="value">The parameter's value.</param>
    public Parameter(string name, Tensor<T> value)
        : this(name, value, new Tensor<T>(value?.Shape.ToArray() ?? throw new ArgumentNullException(nameof(value))))
    {
    }

    /// <summary>
    /// A parameter over an array segment (an offset and a length in a larger buffer) or any other
    /// <see cref="Memory{T}"/>: no copying by hand, the checker copies to and from it around every call into the layer.
    /// </summary>
    /// <param name="name">The name the report shows.</param>
    /// <param name="value">Where the values live, row-major.</param>
    /// <param name="gradient">Where Backward writes dL/dθ, as long as <paramref name="value"/>.</param>
    /// <param name="shape">The parameter's shape; its product must be the length of both.</param>
    /// <exception cref="ArgumentException">A length does not match the shape.</exception>
    public static Parameter<T> Over(string name, Memory<T> value, Memory<T> gradient, params int[] shape)
    {
        int length = ShapeMath.CheckedLength(shape, nameof(shape));
        if (value.Length != length || gradient.Length != length)
        {
            throw new ArgumentException(
                $"Parameter '{name}': shape {ShapeMath.Format(shape)} has {length} elements, but the value holds {value.Length} and the gradient {gradient.Length}.",
                nameof(shape));
        }

        return new Parameter<T>(name, shape, new MemoryStorage<T>(value, gradient));
    }

    /// <summary>A parameter over an array segment: the same as <see cref="Over(string, Memory{T}, Memory{T}, int[])"/>.</summary>
    /// <param name="name">The name the report shows.</param>
    /// <param name="value">Where the values live, row-major.</param>
    /// <param name="gradient">Where Backward writes dL/dθ.</param>
    /// <param name="shape">The parameter's shape.</param>
    public static Parameter<T> Over(string name, ArraySegment<T> value, ArraySegment<T> gradient, params int[] shape) =>
        Over(name, value.AsMemory(), gradient.AsMemory(), shape);

    /// <summary>
    /// A parameter over two MathNet matrices, in whatever storage order they keep (dense column-major included): shape
    /// [rows, columns], indices in the report row-major. The checker copies to and from them around every call.
    /// </summary>
    /// <param name="name">The name the report shows.</param>
    /// <param name="value">The matrix the layer reads.</param>
    /// <param name="gradient">The matrix Backward writes dL/dθ into, of the same size.</param>
    /// <exception cref="ArgumentException">The two matrices differ in size, or are the same matrix.</exception>
    public static Parameter<T> Over(string name, Matrix<T> value, Matrix<T> gradient)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(gradient);
        if (value.RowCount != gradient.RowCount || value.ColumnCount != gradient.ColumnCount || ReferenceEquals(value, gradient))
        {
            throw new ArgumentException(
                $"Parameter '{name}': the gradient must be a matrix of its own of the value's size, {value.RowCount}×{value.ColumnCount}.", nameof(gradient));
        }

        return new Parameter<T>(name, [value.RowCount, value.ColumnCount], new MatrixStorage<T>(value, gradient));
    }

    /// <summary>
    /// A parameter reachable only through get/set calls (a library's own tensor type): each element by its row-major
    /// index in <paramref name="shape"/>. The checker reads and writes through the calls around every call into the layer.
    /// </summary>
    /// <param name="name">The name the report shows.</param>
    /// <param name="shape">The parameter's shape.</param>
    /// <param name="getValue">Reads value element i.</param>
    /// <param name="setValue">Writes value element i.</param>
    /// <param name="getGradient">Reads gradient element i.</param>
    /// <param name="setGradient">Writes gradient element i.</param>
    /// <remarks>When the value and the gradient are two tensors of one type, <see cref="ElementAccess{TStorage, T}"/> says the calls once for every parameter.</remarks>
    public static Parameter<T> Over(string name, int[] shape, Func<int, T> getValue, Action<int, T> setValue, Func<int, T> getGradient, Action<int, T> setGradient)
    {
        ArgumentNullException.ThrowIfNull(getValue);
        ArgumentNullException.ThrowIfNull(setValue);
        ArgumentNullException.ThrowIfNull(getGradient);
        ArgumentNullException.ThrowIfNull(setGradient);
        return Over(name, shape, new AccessorStorage<T>(getValue, setValue, getGradient, setGradient));
    }

    /// <summary>A parameter over get/set calls built by <see cref="ElementAccess{TStorage, T}"/>.</summary>
    internal static Parameter<T> Over(string name, int[] shape, AccessorStorage<T> storage) => new(name, shape, storage);

    private Parameter(string name, int[] shape, ParameterStorage<T> storage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        Storage = storage;
        Value = new Tensor<T>(shape);
        Gradient = new Tensor<T>(shape);
        Refresh();
    }

    /// <summary>The name the report shows.</summary>
    public string Name { get; }

    /// <summary>
    /// True for a parameter left out of the check (a frozen embedding, a pretrained encoder): it is not perturbed or
    /// compared, and the report lists it as frozen.
    /// </summary>
    public bool Frozen { get; init; }

    /// <summary>The same parameter (same value and gradient storage), frozen: left out of the check and listed as frozen.</summary>
    public Parameter<T> AsFrozen() => WithFrozen(true);

    /// <summary>The same parameter (same value and gradient tensors and storage), frozen or not.</summary>
    internal Parameter<T> WithFrozen(bool frozen) => new(this, frozen);

    private Parameter(Parameter<T> other, bool frozen)
    {
        Name = other.Name;
        Value = other.Value;
        Gradient = other.Gradient;
        Storage = other.Storage;
        IsInput = other.IsInput;
        Frozen = frozen;
    }

    /// <summary>Where the parameter really lives, for a parameter made with <c>Over</c>; null when it is its tensors.</summary>
    internal ParameterStorage<T>? Storage { get; }

    /// <summary>What identifies the storage of the values: tied parameters share it.</summary>
    internal object StorageKey => Storage?.Key ?? Value.Data;

    /// <summary>What identifies the storage of the gradient: parameters that share one gradient buffer share it.</summary>
    internal object GradientKey => Storage?.GradientKey ?? Gradient.Data;

    /// <summary>Copies the storage into the mirrors (a parameter made with <c>Over</c>); nothing otherwise.</summary>
    internal void Refresh()
    {
        Storage?.ReadValues(Value.Data);
        Storage?.ReadGradient(Gradient.Data);
    }

    /// <summary>
    /// The parameter's value. For a parameter made with <c>Over</c>, a row-major copy of its storage that the checker
    /// refreshes at the start of each check and copies back around every call into the layer.
    /// </summary>
    public Tensor<T> Value { get; }

    /// <summary>The gradient buffer that <c>Backward</c> fills (for a parameter made with <c>Over</c>, a copy of its storage).</summary>
    public Tensor<T> Gradient { get; }

    /// <summary>True for an input of an <see cref="IMultiTensorLayer{T}"/> that the checker presents as a parameter.</summary>
    internal bool IsInput { get; init; }

    /// <summary>How messages name it: <c>parameter 'W'</c>, or <c>input 'q'</c>.</summary>
    internal string Described => IsInput ? $"input '{Name}'" : $"parameter '{Name}'";

    /// <inheritdoc />
    public override string ToString() => $"{Name} {ShapeMath.Format(Value.Shape)}";
}
