using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>The one test case of a <see cref="GradientCheckAttribute"/> method; runs all its cases inside one test.</summary>
public sealed class GradientCheckTestCase : XunitTestCase
{
    /// <summary>For deserialization only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public GradientCheckTestCase()
    {
    }

    /// <summary>Creates the test case for <paramref name="testMethod"/>.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostic messages go.</param>
    /// <param name="defaultMethodDisplay">How the method is named in runners.</param>
    /// <param name="defaultMethodDisplayOptions">Options for naming the method.</param>
    /// <param name="testMethod">The <see cref="GradientCheckAttribute"/> method.</param>
    public GradientCheckTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc />
    public override Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        new GradientCheckTestCaseRunner(this, DisplayName, SkipReason, constructorArguments, messageBus, aggregator, cancellationTokenSource).RunAsync();
}
