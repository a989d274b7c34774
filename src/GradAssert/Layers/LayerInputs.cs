using System.Collections;
using System.Numerics;

namespace GradAssert;

/// <summary>
/// The named inputs of a check of an <see cref="IMultiTensorLayer{T}"/>: <c>new LayerInputs&lt;double&gt; { ["q"] = q,
/// ["k"] = k, ["v"] = v }</c>. An input added with <see cref="Constant"/> (a target, a mask, class indices) is given to
/// the layer as it is, never perturbed and never compared, and the report lists it as constant. The checker works on
/// copies: the tensors given are never written to.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class LayerInputs<T> : IEnumerable<LayerInput<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<LayerInput<T>> _inputs = [];

    /// <summary>A differentiable input: the check compares its gradient.</summary>
    /// <param name="name">The input's name, one of the layer's <see cref="IMultiTensorLayer{T}.InputNames"/>.</param>
    /// <exception cref="ArgumentException">The name is blank or given twice.</exception>
    public Tensor<T> this[string name]
    {
        get => Find(name)?.Value ?? throw new KeyNotFoundException($"No input named '{name}'.");
        set => Add(name, value);
    }

    /// <summary>Adds a differentiable input: the check compares its gradient.</summary>
    /// <param name="name">The input's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>These inputs, to chain calls.</returns>
    public LayerInputs<T> Add(string name, Tensor<T> value) => Put(new LayerInput<T>(name, value, Constant: false));

    /// <summary>Adds a constant input (a target, a mask, class indices): given as it is, never perturbed or compared.</summary>
    /// <param name="name">The input's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>These inputs, to chain calls.</returns>
    public LayerInputs<T> Constant(string name, Tensor<T> value) => Put(new LayerInput<T>(name, value, Constant: true));

    /// <summary>The input named <paramref name="name"/>, or null.</summary>
    internal LayerInput<T>? Find(string name) => _inputs.Find(i => i.Name == name);

    /// <inheritdoc />
    public IEnumerator<LayerInput<T>> GetEnumerator() => _inputs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private LayerInputs<T> Put(LayerInput<T> input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input.Name);
        ArgumentNullException.ThrowIfNull(input.Value);
        if (Find(input.Name) is not null)
        {
            throw new ArgumentException($"The input '{input.Name}' is given twice.", nameof(input));
        }

        _inputs.Add(input);
        return this;
    }
}

/// <summary>One named input of a check.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Constant">True for an input that is never perturbed or compared (a target, a mask, indices).</param>
public sealed record LayerInput<T>(string Name, Tensor<T> Value, bool Constant) where T : unmanaged, IFloatingPointIeee754<T>;
