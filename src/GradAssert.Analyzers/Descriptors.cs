using System;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace GradAssert.Analyzers;

/// <summary>The diagnostics of <see cref="GradientCheckAnalyzer"/>: what each catches and how it says so.</summary>
internal static class Descriptors
{
    private const string Category = "Usage";

    /// <summary>
    /// Where each diagnostic's help link points: the page on the diagnostics, docs/analyzers.md on the repository's
    /// page (GradAssertRepositoryUrl in Directory.Build.props, compiled in as assembly metadata).
    /// </summary>
    internal static readonly string HelpLink = RepositoryUrl() + "/blob/main/docs/analyzers.md#compile-time-checks-ga0001ga0004";

    /// <summary>GA0001: the method has a shape the attribute cannot run; the second argument says what is wrong and what fits.</summary>
    internal static readonly DiagnosticDescriptor WrongSignature = new(
        id: "GA0001",
        title: "A [GradientCheck] method needs a signature the attribute can run",
        messageFormat: "[GradientCheck] cannot run '{0}': {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink,
        description: "A [GradientCheck] method returns void, Task or ValueTask and takes exactly one GradientCase. It is "
            + "either not generic, with no types on the attribute, or has exactly one type parameter, and the attribute "
            + "names float, double or both: [GradientCheck(typeof(float), typeof(double))]. Any other method fails its "
            + "test at run time; this reports it when it is written.");

    /// <summary>GA0002: a test framework's own test attribute beside [GradientCheck].</summary>
    internal static readonly DiagnosticDescriptor NotAlone = new(
        id: "GA0002",
        title: "[GradientCheck] must be used alone",
        messageFormat: "'{0}' has both [GradientCheck] and [{1}]: [GradientCheck] makes the method a test by itself, so remove [{1}]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink,
        description: "[GradientCheck] is the method's test attribute: it runs every case, shrinks a failing one and reports "
            + "it. A second test attribute (xUnit's [Fact] or [Theory], NUnit's [Test], [TestCase], [TestCaseSource] or "
            + "[Theory], MSTest's [TestMethod] or [DataTestMethod]) makes the framework run the method again, once, "
            + "without a GradientCase.");

    /// <summary>GA0003: the body never calls a gradient check, nor any method of this project that could.</summary>
    internal static readonly DiagnosticDescriptor NoCheck = new(
        id: "GA0003",
        title: "A [GradientCheck] method should call a gradient check",
        messageFormat: "'{0}' never calls a gradient check, so its cases pass whatever the backward pass computes: "
            + "call GradientAssert.Layer (or GradCheck.Layer, GradientAssert.Function, ShouldPassGradientCheck) with the case's layer and input",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink,
        description: "The cases of a [GradientCheck] method only fail when something in them throws. A body that never "
            + "calls GradientAssert.*, GradCheck.*, ShouldPassGradientCheck or ShouldPass checks no gradient. A call of "
            + "any method declared in the same project counts as a check too, since such a helper may check.");

    /// <summary>GA0004: a setting on [GradientCheck] or [assembly: GradientCheckDefaults] that the run would refuse.</summary>
    internal static readonly DiagnosticDescriptor BadSetting = new(
        id: "GA0004",
        title: "[GradientCheck] settings must be ones the check can use",
        messageFormat: "[{0}] {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink,
        description: "The check settings of [GradientCheck] and [assembly: GradientCheckDefaults] take one tolerance rule "
            + "(SafetyFactor, Threshold, or AbsoluteTolerance with RelativeTolerance) and values in range: Cases and "
            + "MaxElements at least 1, SafetyFactor at least 1, Threshold and Step finite and positive, tolerances zero or "
            + "more and not both zero. Other values fail the test before any case runs; this reports them when written.");

    private static string RepositoryUrl()
    {
        foreach (var metadata in typeof(Descriptors).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), inherit: false))
        {
            if (metadata is AssemblyMetadataAttribute { Key: "GradAssertRepositoryUrl", Value: { Length: > 0 } url })
            {
                return url;
            }
        }

        throw new InvalidOperationException("GradAssert.Analyzers was built without its GradAssertRepositoryUrl metadata.");
    }
}
