namespace GradAssert;

/// <summary>The default names layers get in reports.</summary>
internal static class LayerNames
{
    /// <summary>A type's plain name: <c>Gelu</c> for <c>Gelu&lt;float&gt;</c>, whose CLR name is <c>Gelu`1</c>.</summary>
    public static string Default(Type type)
    {
        string name = type.Name;
        int arity = name.IndexOf('`', StringComparison.Ordinal);
        return arity < 0 ? name : name[..arity];
    }
}
