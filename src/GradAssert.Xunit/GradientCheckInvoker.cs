using System.Reflection;
using GradAssert.Cases;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>Calls the test method once per case through the property engine, instead of once with fixed arguments.</summary>
internal sealed class GradientCheckInvoker : XunitTestInvoker
{
    private readonly Action<string> _writeLine;

    public GradientCheckInvoker(
        ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments,
        IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource,
        Action<string> writeLine)
        : base(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, beforeAfterAttributes, aggregator, cancellationTokenSource) =>
        _writeLine = writeLine;

    // xUnit awaits the task this returns; its Timeout (for the whole run) wraps that await.
    protected override object CallTestMethod(object testClassInstance) => RunAsync(testClassInstance);

    private async Task RunAsync(object testClassInstance)
    {
        var attribute = TestMethod.GetCustomAttribute<GradientCheckAttribute>()
            ?? throw new InvalidOperationException($"{TestMethod.Name} has no [GradientCheck] attribute.");
        var test = GradientTestMethod.For(TestMethod, (TestCase as GradientCheckTestCase)?.TypeArgument);
        using var timeout = TestCase.Timeout > 0 ? new CancellationTokenSource(TestCase.Timeout) : new CancellationTokenSource();
        GradientPropertyResult result;
        try
        {
            result = await GradientProperty.RunAsync(test.FullName(TestClass), attribute.Settings with { Progress = _writeLine }, test, testClassInstance, cancellationToken: timeout.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (TestCase.Timeout > 0 && timeout.IsCancellationRequested)
        {
            // This token and xUnit's own timer fire together: where the run's cancellation reports first, it reads as
            // xUnit's timeout too, not "A task was canceled" (under load it did, one run in several).
            throw new TestTimeoutException(TestCase.Timeout);
        }

        _writeLine(result.ThrowIfFailed());
    }
}
