using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GradAssert.Analyzers;

/// <summary>
/// Silences xUnit1069 ("a test with a Timeout should reference TestContext.Current.CancellationToken", from the
/// analyzers of xunit.v3 4.x) on a [GradientCheck] method that uses its case's token, <c>c.CancellationToken</c>: the
/// adapter hands every case xUnit's own token, TestContext.Current.CancellationToken, so the method already observes
/// its Timeout, and <c>c.CancellationToken</c> is the form that reads the same in every framework. A method that uses
/// neither keeps the warning.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TimeoutTokenSuppressor : DiagnosticSuppressor
{
    /// <summary>The one suppression: xUnit1069 where the case's token is used.</summary>
    internal static readonly SuppressionDescriptor CaseToken = new(
        id: "GAS0001",
        suppressedDiagnosticId: "xUnit1069",
        justification: "A [GradientCheck] method's GradientCase.CancellationToken is xUnit's TestContext.Current.CancellationToken: "
            + "GradAssert's adapter passes it to every case, so the method stops when its Timeout is up.");

    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(CaseToken);

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (diagnostic.Location.SourceTree is not { } tree
                || tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan) is not { } node
                || node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }

            var model = context.GetSemanticModel(tree);
            if (model.GetDeclaredSymbol(declaration, context.CancellationToken) is IMethodSymbol method
                && GradientCheckAttributes.Find(method) is not null
                && UsesCaseToken(declaration, model, context.CancellationToken))
            {
                context.ReportSuppression(Suppression.Create(CaseToken, diagnostic));
            }
        }
    }

    private static bool UsesCaseToken(MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var access in declaration.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            if (access.Name.Identifier.ValueText == "CancellationToken"
                && model.GetSymbolInfo(access, cancellationToken).Symbol is IPropertySymbol { ContainingType: { } type }
                && Names.Full(type) == "GradAssert.GradientCase")
            {
                return true;
            }
        }

        return false;
    }
}
