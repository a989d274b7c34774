using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradAssert.Analyzers;

/// <summary>
/// The signature contract of a [GradientCheck] method (the adapters refuse anything else at run time): it returns void,
/// Task or ValueTask; takes exactly one <c>GradAssert.GradientCase</c>; and is either not generic, with no types on the
/// attribute, or has exactly one type parameter whose types, float or double, the attribute names. Each broken rule is
/// one GA0001, at the part of the declaration to change.
/// </summary>
internal static class SignatureRules
{
    private const string GradientCase = "GradAssert.GradientCase";
    private const string TypesExample = "[GradientCheck(typeof(float), typeof(double))]";

    private static readonly HashSet<string> Returns = new(StringComparer.Ordinal)
    {
        "System.Void",
        "System.Threading.Tasks.Task",
        "System.Threading.Tasks.ValueTask",
    };

    /// <summary>The GA0001 diagnostics of <paramref name="method"/>; empty when it fits.</summary>
    internal static List<Diagnostic> Problems(IMethodSymbol method, AttributeData attribute, CancellationToken cancellationToken)
    {
        var problems = new List<Diagnostic>();
        var declaration = Declaration(method, cancellationToken);
        Location Where(SyntaxNode? node) => node?.GetLocation() ?? method.Locations[0];
        void Add(SyntaxNode? node, string reason) =>
            problems.Add(Diagnostic.Create(Descriptors.WrongSignature, Where(node), method.Name, reason));

        if (!Returns.Contains(Names.Full(method.ReturnType)))
        {
            Add(declaration?.ReturnType, $"it returns {Names.Short(method.ReturnType)}; return void, Task or ValueTask");
        }

        if (method.Parameters.Length != 1 || method.Parameters[0].RefKind != RefKind.None || Names.Full(method.Parameters[0].Type) != GradientCase)
        {
            string takes = method.Parameters.IsEmpty ? "no parameter" : $"({string.Join(", ", method.Parameters.Select(Describe))})";
            Add(declaration?.ParameterList, $"it takes {takes}; take exactly one GradientCase, as in 'public void {method.Name}(GradientCase c)'");
        }

        // An attribute whose constructor does not bind has a compiler error of its own; its arguments say nothing here.
        if (attribute.AttributeConstructor is null)
        {
            return problems;
        }

        var types = GradientCheckAttributes.TypeArguments(attribute);
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        string typeParameters = string.Join(", ", method.TypeParameters.Select(t => t.Name));
        if (method.TypeParameters.IsEmpty)
        {
            if (types.Count > 0)
            {
                Add(attributeSyntax, $"the attribute names {List(types)}, but the method is not generic; give it one type parameter, "
                    + $"as in 'public void {method.Name}<T>(GradientCase c)', or name no types");
            }

            return problems;
        }

        if (method.TypeParameters.Length > 1)
        {
            Add(declaration?.TypeParameterList, $"it has {method.TypeParameters.Length} type parameters ({typeParameters}); "
                + $"a generic [GradientCheck] method has exactly one, whose types the attribute names, as in {TypesExample}");
        }
        else if (types.Count == 0)
        {
            Add(declaration?.TypeParameterList, $"it is generic, but the attribute names no type for {typeParameters}; "
                + $"name float, double or both, as in {TypesExample}");
        }

        var wrong = types.Where(t => t.SpecialType is not (SpecialType.System_Single or SpecialType.System_Double)).ToList();
        if (wrong.Count > 0)
        {
            Add(attributeSyntax, $"the attribute names {List(wrong)}; a [GradientCheck] method runs for float and double only, as in {TypesExample}");
        }

        return problems;
    }

    private static MethodDeclarationSyntax? Declaration(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration;
            }
        }

        return null;
    }

    private static string Describe(IParameterSymbol parameter)
    {
        string modifier = parameter.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.In => "in ",
            _ => string.Empty,
        };
        return $"{modifier}{Names.Short(parameter.Type)} {parameter.Name}";
    }

    private static string List(IEnumerable<ITypeSymbol> types) => string.Join(", ", types.Select(t => $"typeof({Names.Short(t)})"));
}
