using System.ComponentModel;
using Xunit.Sdk;
using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>
/// One test of a <see cref="GradientCheckAttribute"/> method (for one type argument of a generic method), under xUnit
/// v3 3.x; runs all its cases inside one test, through xUnit's own test runner: class construction, fixtures,
/// <c>IAsyncLifetime</c>, before/after attributes, output and the timeout stay xUnit's.
/// </summary>
public sealed class GradientCheckTestCase : XunitTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>For deserialization only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public GradientCheckTestCase()
    {
    }

    /// <summary>Creates the test case; <see cref="GradientCheckDiscoverer"/> calls this (through the factory for the xUnit in use).</summary>
    /// <param name="details">What the discoverer found.</param>
    public GradientCheckTestCase(TestCaseDetails details)
        : base(
            details?.TestMethod!, details!.DisplayName, details.UniqueId, details.Explicit, details.SkipExceptions, details.SkipReason, details.SkipType,
            details.SkipUnless, details.SkipWhen, details.Traits, testMethodArguments: null, details.SourceFilePath, details.SourceLineNumber, details.Timeout)
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
