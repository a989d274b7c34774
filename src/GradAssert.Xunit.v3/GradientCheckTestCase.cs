using System.ComponentModel;
using Xunit.Sdk;
using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>
/// One test of a <see cref="GradientCheckAttribute"/> method (for one type argument of a generic method); runs all its
/// cases inside one test, through xUnit's own test runner: class construction, fixtures, <c>IAsyncLifetime</c>,
/// before/after attributes, output and the timeout stay xUnit's.
/// </summary>
public sealed class GradientCheckTestCase : XunitTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>For deserialization only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public GradientCheckTestCase()
    {
    }

    /// <summary>Creates the test case; <see cref="GradientCheckDiscoverer"/> calls this.</summary>
    /// <param name="testMethod">The method, closed over its type argument for a generic test.</param>
    /// <param name="testCaseDisplayName">The name runners show.</param>
    /// <param name="uniqueID">The test case's unique ID.</param>
    /// <param name="explicit">True when the test runs only when asked for.</param>
    /// <param name="skipExceptions">Exceptions that skip the test instead of failing it.</param>
    /// <param name="skipReason">Why the test is skipped, or null.</param>
    /// <param name="skipType">The type of <paramref name="skipUnless"/> and <paramref name="skipWhen"/>.</param>
    /// <param name="skipUnless">A static property that must be true for the test to run.</param>
    /// <param name="skipWhen">A static property that skips the test when true.</param>
    /// <param name="traits">The test's traits.</param>
    /// <param name="sourceFilePath">The source file, for test explorers.</param>
    /// <param name="sourceLineNumber">The source line, for test explorers.</param>
    /// <param name="timeout">The time limit of the whole run in milliseconds, or 0.</param>
    public GradientCheckTestCase(
        IXunitTestMethod testMethod, string testCaseDisplayName, string uniqueID, bool @explicit, Type[]? skipExceptions, string? skipReason,
        Type? skipType, string? skipUnless, string? skipWhen, Dictionary<string, HashSet<string>>? traits, string? sourceFilePath,
        int? sourceLineNumber, int? timeout)
        : base(testMethod, testCaseDisplayName, uniqueID, @explicit, skipExceptions, skipReason, skipType, skipUnless, skipWhen, traits,
            testMethodArguments: null, sourceFilePath, sourceLineNumber, timeout)
    {
    }

    /// <inheritdoc />
    public async ValueTask<RunSummary> Run(
        ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var tests = await aggregator.RunAsync(CreateTests, []).ConfigureAwait(false);
        return await GradientCheckTestCaseRunner.Instance.Run(
            this, tests, messageBus, aggregator, cancellationTokenSource, TestCaseDisplayName, SkipReason, explicitOption, constructorArguments).ConfigureAwait(false);
    }
}
