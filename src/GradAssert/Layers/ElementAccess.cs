using System.Numerics;

namespace GradAssert;

/// <summary>
/// How to read and write one element of a library's own tensor type, said once for all its parameters:
/// <c>new ElementAccess&lt;NdArray, float&gt;((a, i) =&gt; a.Get(i), (a, i, v) =&gt; a.Set(i, v))</c>. Each parameter is
/// then <c>access.Over("W", dense.Weights, dense.WeightGrad, inputs, outputs)</c>: the short form of
/// <see cref="Parameter{T}.Over(string, int[], Func{int, T}, Action{int, T}, Func{int, T}, Action{int, T})"/> for the
/// common case, where the value and the gradient are two tensors of the same type.
/// </summary>
/// <typeparam name="TStorage">The library's tensor type.</typeparam>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="get">Reads element i (row-major) of a tensor.</param>
/// <param name="set">Writes element i (row-major) of a tensor.</param>
public sealed class ElementAccess<TStorage, T>(Func<TStorage, int, T> get, Action<TStorage, int, T> set)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<TStorage, int, T> _get = get ?? throw new ArgumentNullException(nameof(get));
    private readonly Action<TStorage, int, T> _set = set ?? throw new ArgumentNullException(nameof(set));

    /// <summary>A parameter over two of the library's tensors, read and written element by element through this access.</summary>
    /// <param name="name">The name the report shows.</param>
    /// <param name="value">The tensor the layer reads.</param>
    /// <param name="gradient">The tensor Backward writes dL/dθ into.</param>
    /// <param name="shape">The parameter's shape; element i of each tensor is its row-major element i.</param>
    /// <returns>The parameter, as <see cref="Parameter{T}.Over(string, int[], Func{int, T}, Action{int, T}, Func{int, T}, Action{int, T})"/> makes it.</returns>
    public Parameter<T> Over(string name, TStorage value, TStorage gradient, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(gradient);
        if (ReferenceEquals(value, gradient))
        {
            throw new ArgumentException($"Parameter '{name}': the gradient must be a tensor of its own, not the value's.", nameof(gradient));
        }

        // The tensors themselves identify the storage, so the same parameter listed again as a new object is recognised.
        var storage = new AccessorStorage<T>(i => _get(value, i), (i, v) => _set(value, i, v), i => _get(gradient, i), (i, v) => _set(gradient, i, v))
        {
            Identity = (this, value, gradient),
        };
        return Parameter<T>.Over(name, shape, storage);
    }
}
