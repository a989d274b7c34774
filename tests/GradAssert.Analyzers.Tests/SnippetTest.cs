using System.Collections.Immutable;
using GradAssert.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace GradAssert.Analyzers.Tests;

/// <summary>
/// Runs <see cref="GradientCheckAnalyzer"/> on a C# snippet and compares its diagnostics with the snippet's markup:
/// <c>{|GA0001:text|}</c> expects that diagnostic on exactly that text, <c>{|#0:text|}</c> a diagnostic given in
/// <c>expected</c> at location 0. The snippet must otherwise compile without errors.
/// </summary>
internal static class SnippetTest
{
    internal static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    /// <summary>Verifies the snippet's diagnostics: those marked in it plus <paramref name="expected"/>, and no others.</summary>
    public static Task VerifyAsync(string snippet, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<GradientCheckAnalyzer, DefaultVerifier>
        {
            TestCode = snippet,
            // No reference package to resolve: the references below are the whole set.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(References);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An expected GA diagnostic with its severity, for a snippet location marked <c>{|#0:…|}</c>.</summary>
    public static DiagnosticResult Diagnostic(string id, string message, int location = 0) =>
        new DiagnosticResult(id, id == "GA0003" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error)
            .WithLocation(location)
            .WithMessage(message);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string list = Path.Combine(AppContext.BaseDirectory, "snippet-references.txt");
        return [.. File.ReadAllLines(list)
            .Where(path => path.Length > 0)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
