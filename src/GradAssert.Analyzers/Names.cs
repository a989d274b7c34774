using Microsoft.CodeAnalysis;

namespace GradAssert.Analyzers;

/// <summary>Names of symbols as this analyzer compares and prints them.</summary>
internal static class Names
{
    /// <summary>The namespace of <paramref name="symbol"/>, dotted (<c>GradAssert.Xunit</c>); empty for the global one.</summary>
    internal static string Namespace(ISymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;

    /// <summary>The full metadata name of a top-level type (<c>System.Threading.Tasks.Task</c>); nested types are never matched.</summary>
    internal static string Full(ITypeSymbol type)
    {
        string ns = Namespace(type);
        return ns.Length == 0 ? type.MetadataName : ns + "." + type.MetadataName;
    }

    /// <summary>A type as a reader writes it: <c>int</c>, <c>GradientCase</c>, <c>Task&lt;int&gt;</c>.</summary>
    internal static string Short(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>An attribute as it is written in brackets: <c>Fact</c> for <c>Xunit.FactAttribute</c>.</summary>
    internal static string AttributeName(INamedTypeSymbol type)
    {
        const string Suffix = "Attribute";
        string name = type.Name;
        return name.Length > Suffix.Length && name.EndsWith(Suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;
    }
}
