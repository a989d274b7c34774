using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>Runs a <see cref="GradientCheckTestCase"/> with <see cref="GradientCheckTestRunner"/>.</summary>
internal sealed class GradientCheckTestCaseRunner : XunitTestCaseRunner
{
    // xUnit checks that one argument is supplied for the one parameter; the engine passes the real cases.
    private static readonly object?[] Placeholder = [null];

    public GradientCheckTestCaseRunner(
        IXunitTestCase testCase, string displayName, string skipReason, object[] constructorArguments,
        IMessageBus messageBus, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        : base(testCase, displayName, skipReason, constructorArguments, Placeholder!, messageBus, aggregator, cancellationTokenSource)
    {
    }

    protected override Task<RunSummary> RunTestAsync() =>
        new GradientCheckTestRunner(
            new XunitTest(TestCase, DisplayName), MessageBus, TestClass, ConstructorArguments, TestMethod, TestMethodArguments,
            SkipReason, BeforeAfterAttributes, new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync();
}
