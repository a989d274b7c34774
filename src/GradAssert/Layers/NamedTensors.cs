using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert;

/// <summary>
/// Tensors by name, in the order they were added: the inputs an <see cref="INamedTensorLayer{T}"/> receives
/// (<c>inputs["x"]</c>), the outputs it returns (<c>new NamedTensors&lt;T&gt; { ["h"] = h, ["c"] = c }</c>) and their
/// gradients, and the upstream gradient of a check of a layer with several outputs.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class NamedTensors<T> : IEnumerable<KeyValuePair<string, Tensor<T>>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<KeyValuePair<string, Tensor<T>>> _items = [];

    /// <summary>The tensor named <paramref name="name"/>; setting adds it, or replaces the tensor of that name.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <exception cref="KeyNotFoundException">No tensor has that name (the message lists the names there are).</exception>
    public Tensor<T> this[string name]
    {
        get => TryGet(name, out var tensor) ? tensor
            : throw new KeyNotFoundException($"No tensor named '{name}'; the names are {(Count == 0 ? "none" : string.Join(", ", Names.Select(n => $"'{n}'")))}.");
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentNullException.ThrowIfNull(value);
            int at = _items.FindIndex(i => i.Key == name);
            if (at < 0)
            {
                _items.Add(new(name, value));
            }
            else
            {
                _items[at] = new(name, value);
            }
        }
    }

    /// <summary>The names, in the order the tensors were added.</summary>
    public IReadOnlyList<string> Names => _items.Select(i => i.Key).ToArray();

    /// <summary>How many tensors there are.</summary>
    public int Count => _items.Count;

    /// <summary>Whether a tensor is named <paramref name="name"/>.</summary>
    /// <param name="name">The name.</param>
    public bool Contains(string name) => _items.Exists(i => i.Key == name);

    /// <summary>The tensor named <paramref name="name"/>, if there is one.</summary>
    /// <param name="name">The name.</param>
    /// <param name="tensor">The tensor, or null.</param>
    public bool TryGet(string name, [MaybeNullWhen(false)] out Tensor<T> tensor)
    {
        int at = _items.FindIndex(i => i.Key == name);
        tensor = at < 0 ? null : _items[at].Value;
        return at >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Tensor<T>>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Positional tensors named by <paramref name="names"/>; a null entry is left out.</summary>
    internal static NamedTensors<T> Of(IReadOnlyList<string> names, IReadOnlyList<Tensor<T>?> tensors)
    {
        var named = new NamedTensors<T>();
        for (int k = 0; k < Math.Min(names.Count, tensors.Count); k++)
        {
            if (tensors[k] is { } tensor)
            {
                named[names[k]] = tensor;
            }
        }

        return named;
    }

    /// <summary>
    /// These tensors in the order of <paramref name="names"/>, null for a name without one.
    /// </summary>
    /// <param name="what">What they are, for the message: <c>Forward returned</c>.</param>
    /// <exception cref="ArgumentException">A tensor's name is not among <paramref name="names"/>.</exception>
    internal Tensor<T>?[] InOrder(IReadOnlyList<string> names, string what)
    {
        var unknown = Names.Where(n => !names.Contains(n)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"{what} {string.Join(", ", unknown.Select(n => $"'{n}'"))}, not among the names {string.Join(", ", names.Select(n => $"'{n}'"))}.");
        }

        return names.Select(n => TryGet(n, out var tensor) ? tensor : null).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _items.Select(i => $"{i.Key} {ShapeMath.Format(i.Value.Shape)}"));
}
