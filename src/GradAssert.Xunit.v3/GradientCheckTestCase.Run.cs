using Xunit.Sdk;
using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>How the test case runs itself under xUnit v3 3.x.</summary>
public sealed partial class GradientCheckTestCase
{
    /// <inheritdoc />
    public async ValueTask<RunSummary> Run(
        ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var tests = await aggregator.RunAsync(CreateTests, []).ConfigureAwait(false);
        return await GradientCheckTestCaseRunner.Instance.Run(
            this, tests, messageBus, aggregator, cancellationTokenSource, TestCaseDisplayName, SkipReason, explicitOption, constructorArguments).ConfigureAwait(false);
    }
}
