using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>What a <c>[GradientCheck]</c> test case is made of, as the discoverer found it; the same for every xUnit v3 version.</summary>
/// <param name="TestMethod">The method, closed over its type argument for a generic test.</param>
/// <param name="DisplayName">The name runners show.</param>
/// <param name="UniqueId">The test case's unique ID.</param>
/// <param name="Explicit">True when the test runs only when asked for.</param>
/// <param name="SkipExceptions">Exceptions that skip the test instead of failing it.</param>
/// <param name="SkipReason">Why the test is skipped, or null.</param>
/// <param name="SkipType">The type of <paramref name="SkipUnless"/> and <paramref name="SkipWhen"/>.</param>
/// <param name="SkipUnless">A static property that must be true for the test to run.</param>
/// <param name="SkipWhen">A static property that skips the test when true.</param>
/// <param name="Traits">The test's traits.</param>
/// <param name="SourceFilePath">The source file, for test explorers.</param>
/// <param name="SourceLineNumber">The source line, for test explorers.</param>
/// <param name="Timeout">The time limit of the whole run in milliseconds, or 0.</param>
internal sealed record TestCaseDetails(
    IXunitTestMethod TestMethod,
    string DisplayName,
    string UniqueId,
    bool Explicit,
    Type[]? SkipExceptions,
    string? SkipReason,
    Type? SkipType,
    string? SkipUnless,
    string? SkipWhen,
    Dictionary<string, HashSet<string>> Traits,
    string? SourceFilePath,
    int? SourceLineNumber,
    int Timeout);
