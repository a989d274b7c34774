using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>
/// Runs the test and captures its output: the summary line goes to the test's output (the TRX's StdOut, the IDE's
/// output pane) also when the test class does not take an <see cref="ITestOutputHelper"/>.
/// </summary>
internal sealed class GradientCheckTestRunner : XunitTestRunner
{
    private TestOutputHelper? _output;

    public GradientCheckTestRunner(
        ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments,
        string skipReason, IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        : base(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, skipReason, beforeAfterAttributes, aggregator, cancellationTokenSource)
    {
    }

    protected override async Task<Tuple<decimal, string>> InvokeTestAsync(ExceptionAggregator aggregator)
    {
        if (ConstructorArguments.Any(a => a is TestOutputHelper or Func<TestOutputHelper>))
        {
            // The class takes the helper itself: xUnit creates, initializes and collects it.
            return await base.InvokeTestAsync(aggregator).ConfigureAwait(false);
        }

        _output = new TestOutputHelper();
        _output.Initialize(MessageBus, Test);
        try
        {
            decimal time = await InvokeTestMethodAsync(aggregator).ConfigureAwait(false);
            return Tuple.Create(time, _output.Output);
        }
        finally
        {
            _output.Uninitialize();
        }
    }

    protected override Task<decimal> InvokeTestMethodAsync(ExceptionAggregator aggregator) =>
        new GradientCheckInvoker(
            Test, MessageBus, TestClass, ConstructorArguments, TestMethod, TestMethodArguments, BeforeAfterAttributes, aggregator, CancellationTokenSource,
            line => (_output ?? ConstructorArguments.OfType<TestOutputHelper>().FirstOrDefault())?.WriteLine(line)).RunAsync();
}
