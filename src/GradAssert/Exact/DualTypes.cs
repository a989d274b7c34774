using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// A type written at <typeparamref name="T"/> as the same type written at <see cref="Dual{T}"/>: T itself, arrays of
/// it, and every constructed generic type whose arguments mention it (<c>Dense&lt;double&gt;</c> →
/// <c>Dense&lt;Dual&lt;double&gt;&gt;</c>, <c>List&lt;Tensor&lt;double&gt;&gt;</c> →
/// <c>List&lt;Tensor&lt;Dual&lt;double&gt;&gt;&gt;</c>). A type that does not mention T maps to itself: its objects need no
/// carrying.
/// </summary>
/// <typeparam name="T">The number type the layer was built at.</typeparam>
internal static class DualTypes<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The type at <see cref="Dual{T}"/>, or null when it cannot be built there (a constraint the dual type does not meet).</summary>
    public static Type? Map(Type type)
    {
        if (type == typeof(T))
        {
            return typeof(Dual<T>);
        }

        if (type.IsArray)
        {
            var element = Map(type.GetElementType()!);
            return element is null ? null
                : type.IsSZArray ? element.MakeArrayType()
                : element.MakeArrayType(type.GetArrayRank());
        }

        if (!type.IsConstructedGenericType)
        {
            return type;
        }

        var arguments = type.GetGenericArguments();
        var mapped = new Type[arguments.Length];
        bool changed = false;
        for (int i = 0; i < arguments.Length; i++)
        {
            if (Map(arguments[i]) is not { } argument)
            {
                return null;
            }

            mapped[i] = argument;
            changed |= argument != arguments[i];
        }

        if (!changed)
        {
            return type;
        }

        try
        {
            return type.GetGenericTypeDefinition().MakeGenericType(mapped);
        }
        catch (ArgumentException)
        {
            return null; // a constraint Dual<T> does not satisfy: the type exists only at plain numbers
        }
    }

    /// <summary>True when <paramref name="type"/> mentions T, so that its objects must be carried.</summary>
    public static bool Mentions(Type type) => Map(type) != type;

    /// <summary>A type as C# writes it, for reasons: <c>Func&lt;double, double&gt;</c>, <c>float[]</c>, <c>DenseMatrix</c>.</summary>
    public static string Show(Type type)
    {
        if (type.IsArray)
        {
            return Show(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        string? keyword = Type.GetTypeCode(type) switch
        {
            TypeCode.Double => "double",
            TypeCode.Single => "float",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Boolean => "bool",
            TypeCode.String => "string",
            _ => null,
        };
        if (keyword is not null && !type.IsEnum)
        {
            return keyword;
        }

        string name = LayerNames.Default(type);
        return type.IsConstructedGenericType ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Show))}>" : name;
    }
}
