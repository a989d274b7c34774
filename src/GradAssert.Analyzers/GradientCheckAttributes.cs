using Microsoft.CodeAnalysis;

namespace GradAssert.Analyzers;

/// <summary>
/// Recognises [GradientCheck] by name, so every adapter package (xUnit v2 and v3, NUnit, MSTest, …) is covered, also
/// one released after this analyzer: a class named <c>GradientCheckAttribute</c> in a namespace under <c>GradAssert</c>.
/// </summary>
internal static class GradientCheckAttributes
{
    private const string ClassName = "GradientCheckAttribute";
    private const string NamespacePrefix = "GradAssert.";

    /// <summary>The method's [GradientCheck], or null when it has none.</summary>
    internal static AttributeData? Find(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (Is(attribute.AttributeClass))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is a [GradientCheck] attribute of some GradAssert adapter.</summary>
    internal static bool Is(INamedTypeSymbol? type) =>
        type is { Name: ClassName, ContainingType: null, TypeKind: not TypeKind.Error }
        && Names.Namespace(type).StartsWith(NamespacePrefix, StringComparison.Ordinal);

    /// <summary>
    /// The types named by the attribute's constructor arguments (<c>[GradientCheck(typeof(float), typeof(double))]</c>,
    /// a <c>params Type[]</c> constructor), in order; empty when it names none or its constructor does not bind.
    /// </summary>
    internal static IReadOnlyList<ITypeSymbol> TypeArguments(AttributeData attribute)
    {
        var types = new List<ITypeSymbol>();
        foreach (var argument in attribute.ConstructorArguments)
        {
            Collect(argument, types);
        }

        return types;
    }

    private static void Collect(TypedConstant constant, List<ITypeSymbol> types)
    {
        if (constant.Kind == TypedConstantKind.Array)
        {
            foreach (var element in constant.Values)
            {
                Collect(element, types);
            }
        }
        else if (constant.Kind == TypedConstantKind.Type && constant.Value is ITypeSymbol type)
        {
            types.Add(type);
        }
    }
}
