using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace GradAssert.Analyzers;

/// <summary>
/// Whether a [GradientCheck] body checks a gradient: it calls (or passes as a delegate) a method of
/// <c>GradientAssert</c> or <c>GradCheck</c>, a GradAssert <c>ShouldPass…</c> assertion, or any method declared in
/// this project's source, which may be a helper that checks. Lambdas and local functions in the body count.
/// </summary>
internal static class CheckCalls
{
    private static readonly HashSet<string> CheckTypes = new(StringComparer.Ordinal) { "GradientAssert", "GradCheck" };

    /// <summary>Whether any of <paramref name="blocks"/> calls a check or a method of this project other than <paramref name="self"/>.</summary>
    internal static bool AnyIn(IEnumerable<IOperation> blocks, IMethodSymbol self)
    {
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                var method = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IMethodReferenceOperation reference => reference.Method,
                    _ => null,
                };
                if (method is not null && (IsCheck(method) || IsHelper(method, self)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsCheck(IMethodSymbol method)
    {
        var declared = (method.ReducedFrom ?? method).OriginalDefinition;
        string ns = Names.Namespace(declared.ContainingType);
        bool inGradAssert = ns == "GradAssert" || ns.StartsWith("GradAssert.", StringComparison.Ordinal);
        return inGradAssert
            && (CheckTypes.Contains(declared.ContainingType.Name) || declared.Name.StartsWith("ShouldPass", StringComparison.Ordinal));
    }

    private static bool IsHelper(IMethodSymbol method, IMethodSymbol self)
    {
        var declared = (method.ReducedFrom ?? method).OriginalDefinition;
        return !SymbolEqualityComparer.Default.Equals(declared, self.OriginalDefinition)
            && declared.Locations.Any(location => location.IsInSource);
    }
}
