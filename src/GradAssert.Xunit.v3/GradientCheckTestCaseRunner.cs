using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>Runs a <see cref="GradientCheckTestCase"/>'s test with <see cref="GradientCheckTestRunner"/>.</summary>
internal sealed class GradientCheckTestCaseRunner : XunitTestCaseRunner
{
    public static new GradientCheckTestCaseRunner Instance { get; } = new();

    protected override ValueTask<RunSummary> RunTest(XunitTestCaseRunnerContext ctxt, IXunitTest test)
    {
        ArgumentNullException.ThrowIfNull(ctxt);
        return GradientCheckTestRunner.Instance.Run(
            test, ctxt.MessageBus, ctxt.ConstructorArguments, ctxt.ExplicitOption, ctxt.Aggregator.Clone(), ctxt.CancellationTokenSource, ctxt.BeforeAfterTestAttributes);
    }
}
