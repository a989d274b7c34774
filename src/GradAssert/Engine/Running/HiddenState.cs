using System.Collections;
using System.Globalization;
using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// A copy of the hidden numeric state of a check's layers, taken without being asked: every field
/// <see cref="LayerFields"/> may copy (numbers, counters, arrays, tensors and lists of them, in the layers and the layers
/// nested in them), except the parameters' own arrays, which the check keeps itself. <see cref="Restore"/> puts every
/// field back as it was, its reference and its bits, so that a check leaves a training-mode batch norm's running mean
/// where it found it. Two copies around a Forward tell which fields it changed (<see cref="ChangedSince"/>).
/// </summary>
internal sealed class HiddenState<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<Saved> _saved = [];

    private HiddenState(IReadOnlyList<LayerField> fields, Func<Array, bool> kept, bool counters)
    {
        Generators = fields.Where(f => f.Kind == FieldKind.Generator).ToArray();
        foreach (var field in fields)
        {
            if (!counters && IsCounter(field))
            {
                continue;
            }

            var value = field.Value;
            if (value is null)
            {
                _saved.Add(new Saved(field, null, null)); // put back as null: a cache the check filled is emptied again
                continue;
            }

            switch (field.Kind)
            {
                case FieldKind.Number or FieldKind.Counter or FieldKind.Layer:
                    _saved.Add(new Saved(field, value, null));
                    break;
                case FieldKind.Array when value is Array array && !kept(array):
                    _saved.Add(new Saved(field, array, array.Clone()));
                    break;
                case FieldKind.Tensor when value is Tensor<T> tensor && !kept(tensor.Data):
                    _saved.Add(new Saved(field, tensor, tensor.Data.Clone()));
                    break;
                case FieldKind.Tensors or FieldKind.Layers when value is IList list:
                    var items = list.Cast<object?>().ToArray();
                    var data = items.Select(i => i is Tensor<T> t && !kept(t.Data) ? (T[])t.Data.Clone() : null).ToArray();
                    _saved.Add(new Saved(field, list, new ListCopy(items, data)));
                    break;
            }
        }
    }

    /// <summary>The random generators the layers hold: never copied, named when Forward is not repeatable.</summary>
    public IReadOnlyList<LayerField> Generators { get; }

    /// <summary>The hidden state of <paramref name="layers"/> and the layers nested in them, now.</summary>
    /// <param name="kept">Arrays the check keeps itself (the parameters' values and gradients), left out.</param>
    /// <param name="counters">
    /// Whether to take counters too (integers, bools, enums and arrays of them). A check puts back only the numbers of
    /// the layer's type, so that a layer's own call counters keep counting; finding what Forward changes takes all.
    /// </param>
    public static HiddenState<T> Capture(IEnumerable<object> layers, Func<Array, bool> kept, bool counters = false) =>
        new(LayerFields.Walk<T>(layers), kept, counters);

    private static bool IsCounter(LayerField field) =>
        field.Kind == FieldKind.Counter || (field.Kind == FieldKind.Array && field.Field.FieldType != typeof(T[]) && field.Value is not T[]);

    /// <summary>The arrays a check keeps itself for <paramref name="parameters"/>: values, gradients and the storage they mirror.</summary>
    public static Func<Array, bool> KeptBy(IEnumerable<Parameter<T>> parameters)
    {
        var arrays = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in parameters)
        {
            arrays.Add(parameter.Value.Data);
            arrays.Add(parameter.Gradient.Data);
            if (parameter.Storage?.Region is var (values, _, _))
            {
                arrays.Add(values);
            }

            if (parameter.Storage?.GradientRegion is var (gradients, _, _))
            {
                arrays.Add(gradients);
            }
        }

        return arrays.Contains;
    }

    /// <summary>Puts every field back (or those <paramref name="only"/> picks): the object it referred to, and the bits that object held.</summary>
    public void Restore(Func<LayerField, bool>? only = null)
    {
        foreach (var (field, reference, copy) in _saved)
        {
            if (only is not null && !only(field))
            {
                continue;
            }

            bool same = field.Kind is FieldKind.Number or FieldKind.Counter ? Equals(field.Value, reference) : ReferenceEquals(field.Value, reference);
            if (!same)
            {
                field.Set(reference);
            }

            switch (copy)
            {
                case Array bits when reference is Tensor<T> tensor:
                    Array.Copy(bits, tensor.Data, bits.Length);
                    break;
                case Array bits:
                    Array.Copy(bits, (Array)reference!, bits.Length);
                    break;
                case ListCopy list:
                    list.Restore((IList)reference!);
                    break;
            }
        }
    }

    /// <summary>
    /// The fields whose bits differ between <paramref name="earlier"/> and this copy, each with the change in words:
    /// <c>`RunningMean` of `BatchNorm` (RunningMean[0] was 0 and is 0.186)</c>. A field that refers to a new object
    /// with the same bits did not change (a cache rebuilt from the same input).
    /// </summary>
    public IReadOnlyList<(LayerField Field, string Words)> ChangedSince(HiddenState<T> earlier)
    {
        var changes = new List<(LayerField, string)>();
        foreach (var now in _saved)
        {
            var before = earlier._saved.Find(s => ReferenceEquals(s.Field.Holder, now.Field.Holder) && s.Field.Field == now.Field.Field);
            if (before is not null && Difference(before, now) is { } change)
            {
                changes.Add((now.Field, $"`{now.Field.Name}` of `{now.Field.Owner}` ({change})"));
            }
        }

        return changes;
    }

    /// <summary>How a field's value differs between two copies, or null when its bits are the same.</summary>
    private static string? Difference(Saved before, Saved now)
    {
        string name = now.Field.Name;
        switch (now.Field.Kind)
        {
            case FieldKind.Number or FieldKind.Counter:
                return Equals(before.Reference, now.Reference) ? null : $"was {Show(before.Reference)} and is {Show(now.Reference)}";
            case FieldKind.Array or FieldKind.Tensor when before.Copy is Array a && now.Copy is Array b:
                if (a.Length != b.Length)
                {
                    return $"{a.Length} elements before and {b.Length} after";
                }

                int index = FirstDifference(a, b);
                if (index < 0)
                {
                    return null;
                }

                string at = now.Reference is Tensor<T> tensor ? ShapeMath.Format(ShapeMath.Unravel(tensor.Shape, index)) : $"[{index}]";
                return $"{name}{at} was {Show(a.GetValue(index))} and is {Show(b.GetValue(index))}";
            case FieldKind.Tensors when before.Copy is ListCopy x && now.Copy is ListCopy y:
                return x.SameBits(y) ? null : "its tensors hold other values";
            default:
                return null;
        }
    }

    private static int FirstDifference(Array a, Array b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (!Equals(a.GetValue(i), b.GetValue(i)))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Show(object? value) => value switch
    {
        T number => Values.Show(number),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };

    /// <summary>One field's saved value: what it referred to (or its value), and a copy of the bits it held.</summary>
    private sealed record Saved(LayerField Field, object? Reference, object? Copy);

    /// <summary>A list's items as they were, and a copy of the data of each tensor among them.</summary>
    private sealed class ListCopy(object?[] items, T[]?[] data)
    {
        public void Restore(IList list)
        {
            if (list is Array)
            {
                for (int i = 0; i < Math.Min(list.Count, items.Length); i++)
                {
                    list[i] = items[i];
                }
            }
            else if (!list.IsReadOnly && !list.IsFixedSize)
            {
                list.Clear();
                foreach (var item in items)
                {
                    list.Add(item);
                }
            }

            for (int i = 0; i < items.Length; i++)
            {
                if (items[i] is Tensor<T> tensor && data[i] is { } bits)
                {
                    bits.AsSpan().CopyTo(tensor.Data);
                }
            }
        }

        public bool SameBits(ListCopy other) =>
            data.Length == other.Data.Length && data.Zip(other.Data).All(pair => pair.First is null || pair.Second is null ? pair.First == pair.Second : BitExact.Same(pair.First, pair.Second));

        private T[]?[] Data => data;
    }
}
