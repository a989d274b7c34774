using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace GradAssert.Exact;

/// <summary>
/// Carries a layer built at <typeparamref name="T"/> over to the same layer at <see cref="Dual{T}"/>, field by field, by
/// the rules of <see cref="LayerFields"/> widened to what a copy of the whole layer needs: a T becomes a dual number with
/// tangent 0; arrays of T, <see cref="Tensor{T}"/>s, <see cref="Parameter{T}"/>s (and their array or memory storage),
/// nested layers, lists and arrays of them, tuples, primary-constructor captures and closures become the same things at
/// the dual type; an object reached twice is carried once (tied tensors stay tied). Arrays of other primitives are
/// copied, so the dual layer never writes into the user's. Everything that does not mention T (handles, streams,
/// strings, random generators, singletons, delegates of other types) is shared as it is, never copied. The user's layer
/// is only read.
/// </summary>
/// <remarks>
/// Objects are made with <see cref="RuntimeHelpers.GetUninitializedObject"/>, not their constructors: a user's constructor
/// needs arguments the carrier does not know, draws weights and may count or register itself, and every field it would
/// set is overwritten from the original anyway. This is reflection over private fields: it is not trim-safe, which a
/// test library can afford.
/// </remarks>
/// <typeparam name="T">The number type the layer was built at.</typeparam>
internal sealed class DualCarrier<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Generic types of the runtime whose fields are plain data: carried. Any other runtime type that mentions T is refused.</summary>
    private static readonly HashSet<Type> RuntimeData =
    [
        typeof(List<>), typeof(Dictionary<,>), typeof(KeyValuePair<,>), typeof(Queue<>), typeof(Stack<>), typeof(Nullable<>),
        typeof(System.Collections.ObjectModel.ReadOnlyCollection<>),
        typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>), typeof(ValueTuple<,,,,>),
        typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>), typeof(ValueTuple<,,,,,,,>),
        typeof(Tuple<>), typeof(Tuple<,>), typeof(Tuple<,,>), typeof(Tuple<,,,>), typeof(Tuple<,,,,>), typeof(Tuple<,,,,,>), typeof(Tuple<,,,,,,>),
    ];

    private readonly Dictionary<object, object> _carried = new(ReferenceEqualityComparer.Instance);

    private DualCarrier()
    {
    }

    /// <summary>
    /// The layer at <see cref="Dual{T}"/> (an <see cref="ILayer{T}"/> or <see cref="IMultiTensorLayer{T}"/> of dual
    /// numbers), or why it cannot be carried, in one line that names the layer and the field.
    /// </summary>
    /// <param name="layer">An <see cref="ILayer{T}"/> or <see cref="IMultiTensorLayer{T}"/>.</param>
    public static (object? Dual, string? Reason) Carry(object layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        string name = LayerFields.NameOf<T>(layer);
        var type = layer.GetType();
        if (!DualTypes<T>.Mentions(type))
        {
            string form = layer is ILayer<T> ? $"ILayer<{DualTypes<T>.Show(typeof(T))}>" : $"IMultiTensorLayer<{DualTypes<T>.Show(typeof(T))}>";
            return (null, $"{name} is not generic: an {form}-only class");
        }

        try
        {
            var dual = new DualCarrier<T>().Carry(layer, type, DualTypes<T>.Map(type) ?? type, new Site(name, string.Empty));
            return dual is ILayer<Dual<T>> or IMultiTensorLayer<Dual<T>>
                ? (dual, null)
                : (null, $"{name} is not generic in its number type: at {DualTypes<T>.Show(typeof(Dual<T>))} it is no layer of dual numbers");
        }
        catch (Refusal refusal)
        {
            return (null, refusal.Message);
        }
    }

    /// <summary>
    /// <paramref name="value"/>, held where the user's layer declares <paramref name="declared"/>, carried to where the
    /// dual layer declares <paramref name="target"/>. The declarations decide, not the value: at T = double a double
    /// written as T and one written as <c>double</c> (a gradient scale, a temperature kept in double) look the same, and
    /// only the second keeps its type at the dual type.
    /// </summary>
    private object? Carry(object? value, Type declared, Type target, Site site)
    {
        if (value is null)
        {
            return null;
        }

        if (declared == target)
        {
            return Kept(value, site);
        }

        if (value is T number)
        {
            return new Dual<T>(number, T.Zero);
        }

        if (!value.GetType().IsValueType && _carried.TryGetValue(value, out var done))
        {
            return done;
        }

        var type = value.GetType();
        if (!DualTypes<T>.Mentions(type))
        {
            return Kept(value, site);
        }

        var mapped = DualTypes<T>.Map(type) ?? throw new Refusal(site.Says($"is a {DualTypes<T>.Show(type)}, which cannot be built at {DualTypes<T>.Show(typeof(Dual<T>))}"));
        return value switch
        {
            Delegate function => CarryDelegate(function, mapped, site),
            Array array => CarryArray(array, mapped, site),
            Tensor<T> tensor => Remember(tensor, new Tensor<Dual<T>>([.. tensor.Shape], (Dual<T>[])Carry(tensor.Data, typeof(T[]), typeof(Dual<T>[]), site)!)),
            Parameter<T> parameter => CarryParameter(parameter, mapped, site),
            Memory<T> memory => (Memory<Dual<T>>)CarrySegment(memory, site),
            ReadOnlyMemory<T> memory => (ReadOnlyMemory<Dual<T>>)CarrySegment(memory, site),
            ArraySegment<T> segment => CarrySegment(segment, site),
            _ => CarryFields(value, type, mapped, site),
        };
    }

    /// <summary>A value whose declaration does not mention T: shared as it is, except arrays of plain data, which are copied.</summary>
    private object Kept(object value, Site site)
    {
        if (value is Random)
        {
            // Shared, the dual layer would move the user's generator; copied, it would draw other numbers than the user's layer.
            throw new Refusal(site.Says("is a Random: the dual layer would draw from the user's generator"));
        }

        if (value is Array array && IsPlainData(array.GetType().GetElementType()!))
        {
            // A mask or an index cache the dual layer writes must not be the user's.
            return _carried.TryGetValue(array, out var copy) ? copy : Remember(array, array.Clone());
        }

        return value;
    }

    /// <summary>Memory over an array is carried over the carried array (the same one the layer's own field gets), same offset and length.</summary>
    private ArraySegment<Dual<T>> CarrySegment(ReadOnlyMemory<T> memory, Site site)
    {
        if (!System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment) || segment.Array is null)
        {
            throw new Refusal(site.Says($"is memory of {DualTypes<T>.Show(typeof(T))} that no array holds (native or pooled memory)"));
        }

        var array = (Dual<T>[])Carry(segment.Array, typeof(T[]), typeof(Dual<T>[]), site)!;
        return new ArraySegment<Dual<T>>(array, segment.Offset, segment.Count);
    }

    private object CarryParameter(Parameter<T> parameter, Type target, Site site)
    {
        string? refused = parameter.Storage switch
        {
            MatrixStorage<T> => $"its storage is a MathNet Matrix<{DualTypes<T>.Show(typeof(T))}>",
            AccessorStorage<T> => "its storage is reached through get/set calls into a library's own type",
            _ => null,
        };
        return refused is null ? CarryFields(parameter, parameter.GetType(), target, site) : throw new Refusal($"{site.Owner}: parameter `{parameter.Name}`: {refused}");
    }

    private object CarryFields(object value, Type type, Type target, Site site)
    {
        if (Refused(type) is { } why)
        {
            throw new Refusal(site.Says(why));
        }

        var copy = RuntimeHelpers.GetUninitializedObject(target);
        if (!type.IsValueType)
        {
            Remember(value, copy);
        }

        // A nested layer names its own fields: "Dense: field `_activation`", not a path from the root.
        var inner = LayerFields.IsLayer<T>(value) && site.Path.Length > 0 ? new Site(LayerFields.NameOf<T>(value), string.Empty) : site;
        for (Type? from = type, to = target; from is not null && from != typeof(object) && from != typeof(ValueType); from = from.BaseType, to = to?.BaseType)
        {
            foreach (var field in from.GetFields(Instance))
            {
                var into = to?.GetField(field.Name, Instance)
                    ?? throw new Refusal(inner.Field(field.Name).Says($"has no counterpart at {DualTypes<T>.Show(typeof(Dual<T>))}"));
                var original = field.GetValue(value);
                var carried = Carry(original, field.FieldType, into.FieldType, inner.Field(field.Name));
                if (carried is not null && !into.FieldType.IsInstanceOfType(carried))
                {
                    throw new Refusal(inner.Field(field.Name).Says(Unfit(original!)));
                }

                into.SetValue(copy, carried);
            }
        }

        return copy;
    }

    private Array CarryArray(Array array, Type target, Site site)
    {
        var element = target.GetElementType()!;
        var lengths = Enumerable.Range(0, array.Rank).Select(array.GetLength).ToArray();
        var copy = Array.CreateInstance(element, lengths);
        Remember(array, copy);
        if (array is T[] numbers)
        {
            var duals = (Dual<T>[])copy;
            for (int i = 0; i < numbers.Length; i++)
            {
                duals[i] = new Dual<T>(numbers[i], T.Zero);
            }

            return copy;
        }

        var index = new int[array.Rank];
        for (int flat = 0; flat < array.Length; flat++)
        {
            for (int axis = array.Rank - 1, rest = flat; axis >= 0; axis--)
            {
                index[axis] = rest % lengths[axis];
                rest /= lengths[axis];
            }

            var original = array.GetValue(index);
            var carried = Carry(original, array.GetType().GetElementType()!, element, site.Index(index));
            if (carried is not null && !element.IsInstanceOfType(carried))
            {
                throw new Refusal(site.Index(index).Says(Unfit(original!)));
            }

            copy.SetValue(carried, index);
        }

        return copy;
    }

    /// <summary>
    /// A delegate written in generic code (a lambda in the layer, a closure over its fields) is bound again to the same
    /// method at the dual type, its closure carried; one written at T itself cannot be.
    /// </summary>
    private Delegate CarryDelegate(Delegate function, Type target, Site site)
    {
        var method = function.Method;
        if (function.GetInvocationList().Length > 1 || method.IsGenericMethod || method.DeclaringType is not { } declaring || !DualTypes<T>.Mentions(declaring))
        {
            throw new Refusal(site.Says($"is a {DualTypes<T>.Show(function.GetType())} written at {DualTypes<T>.Show(typeof(T))}"));
        }

        var mappedDeclaring = DualTypes<T>.Map(declaring)!;
        var mapped = declaring == typeof(T)
            ? DualFunction(method) ?? throw new Refusal(site.Says($"is {DualTypes<T>.Show(typeof(T))}.{method.Name}, which {DualTypes<T>.Show(typeof(Dual<T>))} does not have"))
            : (MethodInfo)MethodBase.GetMethodFromHandle(method.MethodHandle, mappedDeclaring.TypeHandle)!;
        object? receiver = function.Target switch
        {
            null => null,

            // The compiler's cache of non-capturing lambdas is a singleton: take the dual type's own, never a copy.
            var cache when cache.GetType().GetField("<>9", BindingFlags.Static | BindingFlags.Public) is not null =>
                mappedDeclaring.GetField("<>9", BindingFlags.Static | BindingFlags.Public)!.GetValue(null),
            var closure => Carry(closure, closure.GetType(), DualTypes<T>.Map(closure.GetType()) ?? typeof(void), site),
        };
        var bound = receiver is null ? Delegate.CreateDelegate(target, mapped) : Delegate.CreateDelegate(target, receiver, mapped);
        return (Delegate)Remember(function, bound);
    }

    /// <summary>A method group of T itself (<c>T.Exp</c> in generic code is bound to <c>double.Exp</c>): the dual type's member of that name.</summary>
    private static MethodInfo? DualFunction(MethodInfo method) =>
        method.IsStatic
            ? typeof(Dual<T>).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Static, [.. method.GetParameters().Select(p => DualTypes<T>.Map(p.ParameterType) ?? p.ParameterType)])
            : null;

    /// <summary>Why objects of a type that mentions T are not carried, or null when they are.</summary>
    private static string? Refused(Type type)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.Assembly == typeof(object).Assembly && !RuntimeData.Contains(definition) && !(definition.DeclaringType is { } outer && RuntimeData.Contains(outer)))
        {
            return definition == typeof(Vector<>)
                ? $"is a {DualTypes<T>.Show(type)}: vector intrinsics do not run at a dual type"
                : $"is a {DualTypes<T>.Show(type)}, a type of the runtime that is not plain data";
        }

        return IsMathNet(type) ? $"is a MathNet {DualTypes<T>.Show(type)}, a library's own storage" : null;
    }

    /// <summary>Why an object that does not mention T cannot stand where the dual layer expects one that does.</summary>
    private static string Unfit(object original)
    {
        var type = original.GetType();
        string written = DualTypes<T>.Show(typeof(T));
        return LayerFields.IsLayer<T>(original) ? $"is a {DualTypes<T>.Show(type)}, which is not generic"
            : IsMathNet(type) ? $"is a MathNet {DualTypes<T>.Show(type)}, a library's own storage of {written}"
            : $"is a {DualTypes<T>.Show(type)}, written at {written} only";
    }

    private static bool IsMathNet(Type type) => type.Namespace?.StartsWith("MathNet.", StringComparison.Ordinal) == true;

    private static bool IsPlainData(Type element) => element.IsPrimitive || element.IsEnum;

    private object Remember(object original, object carried)
    {
        _carried[original] = carried;
        return carried;
    }

    /// <summary>Where the carrier is: the innermost layer's name and the path of fields from it.</summary>
    private readonly record struct Site(string Owner, string Path)
    {
        public Site Field(string name) => this with { Path = Path.Length == 0 ? LayerFields.Display(name) : $"{Path}.{LayerFields.Display(name)}" };

        public Site Index(int[] index) => this with { Path = $"{Path}[{string.Join(", ", index)}]" };

        public string Says(string what) => Path.Length == 0 ? $"{Owner}: it {what}" : $"{Owner}: field `{Path}` {what}";
    }

    /// <summary>Unwinds the walk at the first field that cannot be carried; caught in <see cref="Carry(object)"/>, never escapes.</summary>
    private sealed class Refusal(string reason) : Exception(reason);
}
