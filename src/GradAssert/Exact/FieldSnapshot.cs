using System.Collections;
using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// Every field <see cref="LayerFields"/> reaches in a layer and the layers nested in it (numbers, counters, arrays,
/// tensors and lists of them), as it is now: <see cref="Restore"/> puts back each field's reference and the bits it
/// held. It keeps the user's layer as it was around a plain run, and gives a dual layer the state it was carried with
/// before each dual pass.
/// </summary>
/// <typeparam name="TNumber">The layer's number type.</typeparam>
internal sealed class FieldSnapshot<TNumber> where TNumber : unmanaged, IFloatingPointIeee754<TNumber>
{
    private readonly List<(LayerField Field, object? Reference, object? Copy)> _saved = [];
    private readonly (IStatefulLayer Layer, object? State)? _declared;

    /// <summary>Takes the state of <paramref name="layer"/> now, its <see cref="IStatefulLayer"/> state too.</summary>
    public FieldSnapshot(object layer)
    {
        foreach (var field in LayerFields.Walk<TNumber>([layer]))
        {
            var value = field.Value;
            object? copy = value switch
            {
                IList list when field.Kind is FieldKind.Tensors or FieldKind.Layers =>
                    list.Cast<object?>().Select(i => i is Tensor<TNumber> t ? (i, t.Data.Clone()) : (i, (object?)null)).ToArray(),
                Array array => array.Clone(),
                Tensor<TNumber> tensor => tensor.Data.Clone(),
                _ => null,
            };
            _saved.Add((field, value, copy));
        }

        if (layer is IStatefulLayer stateful)
        {
            _declared = (stateful, stateful.CaptureState());
        }
    }

    /// <summary>Puts every field back, and the declared state.</summary>
    public void Restore()
    {
        foreach (var (field, reference, copy) in _saved)
        {
            field.Set(reference);
            switch (copy)
            {
                case Array bits when reference is Tensor<TNumber> tensor:
                    Array.Copy(bits, tensor.Data, bits.Length);
                    break;
                case (object? Item, object? Data)[] items when reference is IList list:
                    RestoreList(list, items);
                    break;
                case Array bits:
                    Array.Copy(bits, (Array)reference!, bits.Length);
                    break;
            }
        }

        if (_declared is var (layer, state))
        {
            layer.RestoreState(state);
        }
    }

    private static void RestoreList(IList list, (object? Item, object? Data)[] items)
    {
        if (list is Array)
        {
            for (int i = 0; i < Math.Min(list.Count, items.Length); i++)
            {
                list[i] = items[i].Item;
            }
        }
        else if (!list.IsReadOnly && !list.IsFixedSize)
        {
            list.Clear();
            foreach (var (item, _) in items)
            {
                list.Add(item);
            }
        }

        foreach (var (item, data) in items)
        {
            if (item is Tensor<TNumber> tensor && data is Array bits)
            {
                Array.Copy(bits, tensor.Data, bits.Length);
            }
        }
    }
}
