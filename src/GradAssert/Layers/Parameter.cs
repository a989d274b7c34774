using System.Numerics;
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

    /// <summary>The name the report shows.</summary>
    public string Name { get; }

    /// <summary>The parameter's value.</summary>
    public Tensor<T> Value { get; }

    /// <summary>The gradient buffer that <c>Backward</c> fills.</summary>
    public Tensor<T> Gradient { get; }

    /// <summary>True for an input of an <see cref="IMultiTensorLayer{T}"/> that the checker presents as a parameter.</summary>
    internal bool IsInput { get; init; }

    /// <summary>How messages name it: <c>parameter 'W'</c>, or <c>input 'q'</c>.</summary>
    internal string Described => IsInput ? $"input '{Name}'" : $"parameter '{Name}'";

    /// <inheritdoc />
    public override string ToString() => $"{Name} {ShapeMath.Format(Value.Shape)}";
}
