using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>Runs a <see cref="GradientCheckTestCase"/> with <see cref="GradientCheckTestRunner"/>.</summary>
internal sealed class GradientCheckTestCaseRunner : XunitTestCaseRunner
{
    public GradientCheckTestCaseRunner(
        IXunitTestCase testCase, string displayName, string skipReason, object[] constructorArguments,
        IMessageBus messageBus, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        // xUnit checks that one argument is supplied for the one parameter; the engine passes the real cases.
        : base(testCase, displayName, skipReason, constructorArguments, [null!], messageBus, aggregator, cancellationTokenSource)
    {
    }

    // The base class resolves per-test constructor arguments (such as ITestOutputHelper) before calling this.
    protected override XunitTestRunner CreateTestRunner(
        ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments,
        string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        new GradientCheckTestRunner(
            test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource);
}
