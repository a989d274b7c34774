using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// A user's layer carried to <see cref="Dual{T}"/> by <see cref="DualCarrier{T}"/>: its own code at dual numbers, with
/// the state it was carried with, which <see cref="Reset"/> gives it back before each dual pass.
/// </summary>
/// <typeparam name="T">The number type the user's layer was built at.</typeparam>
internal sealed class DualLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly FieldSnapshot<Dual<T>> _carriedState;

    /// <summary>Wraps a carried layer; its parameters' mirrors are read from their (carried) storage.</summary>
    /// <param name="dual">The carried <see cref="ILayer{T}"/> or <see cref="IMultiTensorLayer{T}"/> of dual numbers.</param>
    /// <param name="name">The user's layer's name.</param>
    public DualLayer(object dual, string name)
    {
        Form = new LayerForm<Dual<T>>(dual, writesValues: true);
        Name = name;
        foreach (var parameter in Form.Parameters)
        {
            parameter.Refresh();
        }

        _carriedState = new FieldSnapshot<Dual<T>>(dual);
    }

    /// <summary>The user's layer's name, for reasons.</summary>
    public string Name { get; }

    /// <summary>The carried layer, seen as lists of tensors.</summary>
    public LayerForm<Dual<T>> Form { get; }

    /// <summary>The carried layer's parameters, in the user's layer's order.</summary>
    public IReadOnlyList<Parameter<Dual<T>>> Parameters => Form.Parameters;

    /// <summary>Puts back the state the layer was carried with (running statistics, caches, counters).</summary>
    public void Reset() => _carriedState.Restore();

    /// <summary>Sets every parameter's tangent to 0, keeping its value.</summary>
    public void ClearTangents()
    {
        foreach (var parameter in Parameters)
        {
            var data = parameter.Value.Data;
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = new Dual<T>(data[i].Value, T.Zero);
            }
        }
    }
}
