using Xunit.Sdk;
using Xunit.v3;

namespace GradAssert.Xunit.v3.Xunit4;

/// <summary>How the test case runs itself under xUnit v3 4.x.</summary>
public sealed partial class GradientCheckTestCase
{
    /// <inheritdoc />
    public async ValueTask<RunSummary> Run(
        ExplicitOption explicitOption, IMessageBus messageBus, object?[] constructorArguments, ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource, ParallelMode parallelMode, ExecutionScheduler scheduler, FixtureMappingManager methodFixtureMappings)
    {
        var tests = await aggregator.RunAsync(CreateTests, []).ConfigureAwait(false);
        await using var context = new GradientCheckTestCaseRunnerContext(
            this, tests, explicitOption, messageBus, aggregator, TestCaseDisplayName, SkipReason, cancellationTokenSource, parallelMode, scheduler,
            constructorArguments, methodFixtureMappings);
        await context.InitializeAsync().ConfigureAwait(false);
        return await GradientCheckTestCaseRunner.Instance.Run(context).ConfigureAwait(false);
    }
}

/// <summary>xUnit's test case runner, with <see cref="GradientCheckTestCaseRunnerContext"/>.</summary>
internal sealed class GradientCheckTestCaseRunner : XunitTestCaseRunnerBase<GradientCheckTestCaseRunnerContext, IXunitTestCase, IXunitTest>
{
    public static GradientCheckTestCaseRunner Instance { get; } = new();

    public new ValueTask<RunSummary> Run(GradientCheckTestCaseRunnerContext context) => base.Run(context);
}

/// <summary>Runs each test of the case with GradAssert's test runner, which replaces the call of the method by the property run.</summary>
internal sealed class GradientCheckTestCaseRunnerContext(
    IXunitTestCase testCase, IReadOnlyCollection<IXunitTest> tests, ExplicitOption explicitOption, IMessageBus messageBus, ExceptionAggregator aggregator,
    string displayName, string? skipReason, CancellationTokenSource cancellationTokenSource, ParallelMode parallelMode, ExecutionScheduler scheduler,
    object?[] constructorArguments, FixtureMappingManager methodFixtureMappings)
    : XunitTestCaseRunnerContext(
        testCase, tests, explicitOption, messageBus, aggregator, displayName, skipReason, cancellationTokenSource, parallelMode, scheduler,
        constructorArguments, methodFixtureMappings)
{
    public override ValueTask<RunSummary> RunTest(IXunitTest test) =>
        GradientCheckTestRunner.Instance.Run(
            test, MessageBus, ConstructorArguments, ExplicitOption, Aggregator.Clone(), CancellationTokenSource, ParallelMode, Scheduler,
            BeforeAfterTestAttributes, CaseFixtureMappings);
}
