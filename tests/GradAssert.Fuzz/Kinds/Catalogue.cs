namespace GradAssert.Fuzz.Kinds;

/// <summary>Every kind of the harness, in the order the tables list them.</summary>
internal static class Catalogue
{
    /// <summary>The kinds, built for <typeparamref name="T"/> (each says which float types it runs in).</summary>
    public static IReadOnlyList<FuzzKind<T>> Kinds<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
    [
        .. OrdinaryKinds.All<T>(),
        .. LargeOutputKinds.All<T>(),
        .. LargeOffsetKinds.All<T>(),
        .. TieKinds.All<T>(),
        .. DirectionalKinds.All<T>(),
        .. DomainEdgeKinds.All<T>(),
        .. NamedKinds.All<T>(),
    ];
}
