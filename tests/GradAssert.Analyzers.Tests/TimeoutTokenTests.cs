using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static GradAssert.Analyzers.Tests.Snippets;

namespace GradAssert.Analyzers.Tests;

/// <summary>
/// xUnit1069 (xunit.v3 4.x: a test with a Timeout should use TestContext.Current.CancellationToken) is silenced on a
/// [GradientCheck] method that uses its case's token, which is that token; elsewhere it stays.
/// </summary>
public class TimeoutTokenTests
{
    [Fact]
    public Task A_GradientCheck_with_a_Timeout_that_uses_the_cases_token_gets_no_xUnit1069() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck({|#0:Timeout = 1000|})]
            public async Task Dense_matches(GradientCase c)
            {
                await Task.Delay(1, c.CancellationToken);
                {{Check}}
            }
        }
        """, Xunit1069("Dense_matches", isSuppressed: true));

    [Fact]
    public Task A_GradientCheck_with_a_Timeout_that_uses_no_token_keeps_xUnit1069() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck({|#0:Timeout = 1000|})]
            public async Task Dense_matches(GradientCase c)
            {
                await Task.Delay(1);
                {{Check}}
            }
        }
        """, Xunit1069("Dense_matches", isSuppressed: false));

    [Fact]
    public Task Another_test_attribute_with_a_Timeout_keeps_xUnit1069_even_with_some_CancellationToken() => VerifyAsync(XunitUsings + """
        public class Checks
        {
            [Xunit.Fact({|#0:Timeout = 1000|})]
            public async Task Waits()
            {
                using var source = new System.Threading.CancellationTokenSource();
                await Task.Delay(1, source.Token);
                System.GC.KeepAlive(source.Token.CanBeCanceled);
            }
        }
        """, Xunit1069("Waits", isSuppressed: false));

    private static DiagnosticResult Xunit1069(string method, bool isSuppressed) =>
        new DiagnosticResult(StandInXunit1069.Rule).WithLocation(0).WithArguments(method).WithIsSuppressed(isSuppressed);

    private static Task VerifyAsync(string snippet, params DiagnosticResult[] expected)
    {
        var test = new SuppressorTest { TestCode = snippet, ReferenceAssemblies = new ReferenceAssemblies("net10.0") };
        test.TestState.AdditionalReferences.AddRange(SnippetTest.References);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The stand-in and the suppressor together (xunit.v3 4.x's analyzers are not referenced here).</summary>
    private sealed class SuppressorTest : CSharpAnalyzerTest<StandInXunit1069, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => [new StandInXunit1069(), new TimeoutTokenSuppressor()];
    }

    /// <summary>
    /// Reports xUnit1069 where xunit.v3 4.x's analyzer does, on the <c>Timeout = …</c> argument of a method's test
    /// attribute (here: any attribute), without looking at the body.
    /// </summary>
    // A stand-in inside a test project, not an analyzer anyone loads: the rules for shipped analyzers do not apply.
#pragma warning disable RS1036, RS2008
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class StandInXunit1069 : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = new(
            "xUnit1069", "Test methods with a Timeout should reference TestContext.Current.CancellationToken", "Test method '{0}' has a Timeout but does not reference TestContext.Current.CancellationToken",
            "Usage", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(
                c =>
                {
                    var method = (IMethodSymbol)c.Symbol;
                    foreach (var attribute in method.GetAttributes())
                    {
                        if (attribute.ApplicationSyntaxReference?.GetSyntax(c.CancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax syntax
                            && syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Timeout") is { } timeout)
                        {
                            c.ReportDiagnostic(Microsoft.CodeAnalysis.Diagnostic.Create(Rule, timeout.GetLocation(), method.Name));
                        }
                    }
                },
                SymbolKind.Method);
        }
    }
#pragma warning restore RS1036, RS2008
}
