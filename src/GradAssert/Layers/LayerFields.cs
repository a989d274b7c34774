using System.Collections;
using System.Numerics;
using System.Reflection;

namespace GradAssert;

/// <summary>What a field of a layer holds, as <see cref="LayerFields"/> sees it.</summary>
internal enum FieldKind
{
    /// <summary>A number of the layer's type T (a running statistic, a temperature): copied by value.</summary>
    Number,

    /// <summary>Another primitive number, a bool or an enum (a counter, a flag): copied by value, never converted.</summary>
    Counter,

    /// <summary>An array of T or of another primitive (running means, a mask): its elements copied.</summary>
    Array,

    /// <summary>A <see cref="Tensor{T}"/>: its data copied.</summary>
    Tensor,

    /// <summary>A list or array of <see cref="Tensor{T}"/> (caches per time step): the list and each tensor's data.</summary>
    Tensors,

    /// <summary>A nested layer: kept as it is, and walked in turn.</summary>
    Layer,

    /// <summary>A list or array of layers: kept as it is, and each walked in turn.</summary>
    Layers,

    /// <summary>A random generator (<see cref="Random"/>): never copied, named when Forward is not repeatable.</summary>
    Generator,
}

/// <summary>One field the walker reached.</summary>
/// <param name="Holder">The layer whose field it is.</param>
/// <param name="Field">The field.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Owner">The holder's name, for messages (<c>BatchNorm</c>).</param>
/// <param name="Name">The field's name as the user wrote it: a property's for its backing field (<c>RunningMean</c>).</param>
internal sealed record LayerField(object Holder, FieldInfo Field, FieldKind Kind, string Owner, string Name)
{
    /// <summary>The field's value now.</summary>
    public object? Value => Field.GetValue(Holder);

    /// <summary>Sets the field (readonly ones included: the walker puts back what was there).</summary>
    public void Set(object? value) => Field.SetValue(Holder, value);
}

/// <summary>
/// The one walk over a layer's fields, with the one set of rules for what may be copied: numbers of the layer's type T,
/// other primitive numbers, bools and enums; arrays of them; <see cref="Tensor{T}"/>s and lists or arrays of them; and
/// nested layers (<see cref="ILayer{T}"/>, <see cref="IMultiTensorLayer{T}"/>) and lists or arrays of them, walked in
/// turn. Nothing else is copied or entered: not handles, streams, delegates, tasks, locks, static fields (singletons and
/// caches shared by every instance), parameters (the checker keeps those itself) or any other object. A random generator
/// is reported, never copied. The engine captures and restores hidden state (running statistics, counters) with it; the
/// exact reference carries a layer to the dual number type over the same fields.
/// </summary>
internal static class LayerFields
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Every field the walk reaches from <paramref name="roots"/>, each layer once, in declaration order.</summary>
    /// <typeparam name="T">The layers' number type.</typeparam>
    public static IReadOnlyList<LayerField> Walk<T>(IEnumerable<object> roots) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var fields = new List<LayerField>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<object>(roots);
        while (pending.Count > 0)
        {
            var layer = pending.Dequeue();
            if (!seen.Add(layer))
            {
                continue;
            }

            string owner = NameOf<T>(layer);
            for (var type = layer.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(Instance))
                {
                    var kind = KindOf<T>(field, field.FieldType.IsValueType ? null : field.GetValue(layer));
                    if (kind is not { } k)
                    {
                        continue;
                    }

                    fields.Add(new LayerField(layer, field, k, owner, Display(field.Name)));
                    foreach (var nested in Nested<T>(k, field.GetValue(layer)))
                    {
                        pending.Enqueue(nested);
                    }
                }
            }
        }

        return fields;
    }

    /// <summary>
    /// The layers nested in <paramref name="layer"/>, at any depth, each with its path of fields as written
    /// (<c>Experts[1]</c>, <c>Block.Norm</c>), each once, in the order the walk reaches them.
    /// </summary>
    public static IReadOnlyList<(string Path, object Layer)> NestedLayers<T>(object layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var found = new List<(string, object)>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { layer };
        var pending = new Queue<(string Path, object Layer)>([(string.Empty, layer)]);
        while (pending.Count > 0)
        {
            var (path, holder) = pending.Dequeue();
            for (var type = holder.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(Instance).Where(f => !f.FieldType.IsValueType))
                {
                    var value = field.GetValue(holder);
                    string name = path + Display(field.Name);
                    var kind = KindOf<T>(field, value);
                    var items = kind == FieldKind.Layer ? [(name, value!)]
                        : kind == FieldKind.Layers ? ((IList)value!).Cast<object?>().Select((item, i) => ($"{name}[{i}]", item)).Where(x => IsLayer<T>(x.item)).Select(x => (x.Item1, x.item!))
                        : [];
                    foreach (var (nestedPath, nested) in items)
                    {
                        if (seen.Add(nested))
                        {
                            found.Add((nestedPath, nested));
                            pending.Enqueue((nestedPath + ".", nested));
                        }
                    }
                }
            }
        }

        return found;
    }

    /// <summary>True for an object the walk enters: a layer of either kind, of number type T.</summary>
    public static bool IsLayer<T>(object? value) where T : unmanaged, IFloatingPointIeee754<T> =>
        value is ILayer<T> or IMultiTensorLayer<T>;

    private static FieldKind? KindOf<T>(FieldInfo field, object? value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var type = field.FieldType;
        if (type == typeof(T))
        {
            return FieldKind.Number;
        }

        if (type.IsPrimitive || type.IsEnum)
        {
            return type == typeof(IntPtr) || type == typeof(UIntPtr) ? null : FieldKind.Counter; // handles are never copied
        }

        if (value is null)
        {
            return KindOfNull<T>(type);
        }

        return value switch
        {
            Parameter<T> or Delegate => null,
            T[] => FieldKind.Array,
            System.Array array when array.Rank == 1 && (array.GetType().GetElementType()!.IsPrimitive || array.GetType().GetElementType()!.IsEnum) => FieldKind.Array,
            Tensor<T> => FieldKind.Tensor,
            Random => FieldKind.Generator,
            _ when IsLayer<T>(value) => FieldKind.Layer,
            IList list when ElementType(list) is { } element && element == typeof(Tensor<T>) => FieldKind.Tensors,
            IList list when ElementType(list) is { } element && (typeof(ILayer<T>).IsAssignableFrom(element) || typeof(IMultiTensorLayer<T>).IsAssignableFrom(element)) => FieldKind.Layers,
            _ => null,
        };
    }

    /// <summary>What a field that holds null now may hold, from its declared type: it is put back to null after a check.</summary>
    private static FieldKind? KindOfNull<T>(Type type) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (type == typeof(Tensor<T>))
        {
            return FieldKind.Tensor;
        }

        if (type.IsArray && type.GetArrayRank() == 1 && type.GetElementType() is { } element && (element.IsPrimitive || element.IsEnum))
        {
            return FieldKind.Array;
        }

        bool layer = typeof(ILayer<T>).IsAssignableFrom(type) || typeof(IMultiTensorLayer<T>).IsAssignableFrom(type);
        return layer ? FieldKind.Layer : null;
    }

    /// <summary>The element type of an array or a generic list (<c>List&lt;X&gt;</c>, a read-only collection of X), or null.</summary>
    private static Type? ElementType(IList list)
    {
        var type = list.GetType();
        if (type.IsArray)
        {
            return type.GetArrayRank() == 1 ? type.GetElementType() : null;
        }

        return type.IsGenericType && type.GetGenericArguments() is [var element] ? element : null;
    }

    private static IEnumerable<object> Nested<T>(FieldKind kind, object? value) where T : unmanaged, IFloatingPointIeee754<T> => kind switch
    {
        FieldKind.Layer => [value!],
        FieldKind.Layers => ((IList)value!).Cast<object?>().Where(IsLayer<T>).Cast<object>(),
        _ => [],
    };

    /// <summary>A field's name as written: <c>RunningMean</c> for the backing field <c>&lt;RunningMean&gt;k__BackingField</c>.</summary>
    internal static string Display(string name)
    {
        int end = name.IndexOf('>', StringComparison.Ordinal);
        return name.StartsWith('<') && end > 1 ? name[1..end] : name;
    }

    /// <summary>A layer's name for messages; its type's when its Name throws or is blank.</summary>
    internal static string NameOf<T>(object layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            string? name = layer switch
            {
                ILayer<T> single => single.Name,
                IMultiTensorLayer<T> multi => multi.Name,
                _ => null,
            };
            return string.IsNullOrWhiteSpace(name) ? LayerNames.Default(layer.GetType()) : name;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return LayerNames.Default(layer.GetType());
        }
    }
}
