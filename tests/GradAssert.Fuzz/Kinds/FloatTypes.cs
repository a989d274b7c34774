namespace GradAssert.Fuzz.Kinds;

/// <summary>The float types a kind runs in.</summary>
[Flags]
internal enum FloatTypes
{
    /// <summary>Neither (never a kind's value; the empty selection).</summary>
    None = 0,

    /// <summary><see cref="double"/>.</summary>
    Double = 1,

    /// <summary><see cref="float"/>.</summary>
    Float = 2,

    /// <summary>Both types.</summary>
    Both = Double | Float,
}

/// <summary>Helpers over <see cref="FloatTypes"/>.</summary>
internal static class FloatTypeNames
{
    /// <summary>The flag of <typeparamref name="T"/>.</summary>
    public static FloatTypes Of<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? FloatTypes.Float : FloatTypes.Double;

    /// <summary><c>float</c> or <c>double</c>.</summary>
    public static string Name<T>() where T : unmanaged, IFloatingPointIeee754<T> => typeof(T) == typeof(float) ? "float" : "double";
}
