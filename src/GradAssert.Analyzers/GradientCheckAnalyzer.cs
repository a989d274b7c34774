using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GradAssert.Analyzers;

/// <summary>
/// Reports, in the IDE and at build time, the [GradientCheck] misuse that would otherwise fail only when the test runs:
/// GA0001 a signature the attribute cannot run, GA0002 a test framework's test attribute beside it, GA0003 a body that
/// never calls a gradient check, GA0004 a setting on [GradientCheck] or [assembly: GradientCheckDefaults] the run would refuse.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GradientCheckAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.WrongSignature, Descriptors.NotAlone, Descriptors.NoCheck, Descriptors.BadSetting);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeDeclaration, SymbolKind.Method);
        // Per syntax tree, not at compilation end: the IDE then reports an assembly attribute as it is typed.
        context.RegisterSemanticModelAction(AnalyzeAssemblyDefaults);

        // The body is looked at only for [GradientCheck] methods, so no other method pays for an operation tree.
        context.RegisterSymbolStartAction(StartBody, SymbolKind.Method);
    }

    private static void AnalyzeDeclaration(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.MethodKind != MethodKind.Ordinary || GradientCheckAttributes.Find(method) is not { } attribute)
        {
            return;
        }

        foreach (var problem in SignatureRules.Problems(method, attribute, context.CancellationToken))
        {
            context.ReportDiagnostic(problem);
        }

        foreach (string problem in SettingsRules.Problems(attribute))
        {
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BadSetting, location, "GradientCheck", $"on '{method.Name}' {problem}"));
        }

        foreach (var other in method.GetAttributes())
        {
            if (TestFrameworkAttributes.MakesATest(other.AttributeClass))
            {
                var location = other.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations[0];
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotAlone, location, method.Name, Names.AttributeName(other.AttributeClass!)));
            }
        }
    }

    private static void AnalyzeAssemblyDefaults(SemanticModelAnalysisContext context)
    {
        foreach (var attribute in context.SemanticModel.Compilation.Assembly.GetAttributes())
        {
            if (!SettingsRules.IsDefaults(attribute.AttributeClass)
                || attribute.ApplicationSyntaxReference?.SyntaxTree != context.SemanticModel.SyntaxTree)
            {
                continue;
            }

            foreach (string problem in SettingsRules.Problems(attribute))
            {
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.BadSetting, location, "assembly: GradientCheckDefaults", problem));
            }
        }
    }

    private static void StartBody(SymbolStartAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.MethodKind != MethodKind.Ordinary || GradientCheckAttributes.Find(method) is not { } attribute)
        {
            return;
        }

        context.RegisterOperationBlockAction(block =>
        {
            // A method the attribute cannot run has GA0001 to fix first; its body is not judged.
            if (block.OperationBlocks.IsEmpty
                || SignatureRules.Problems(method, attribute, block.CancellationToken).Count > 0
                || CheckCalls.AnyIn(block.OperationBlocks, method))
            {
                return;
            }

            block.ReportDiagnostic(Diagnostic.Create(Descriptors.NoCheck, method.Locations[0], method.Name));
        });
    }
}
