using System.Diagnostics;
using System.Reflection;
using GradAssert.Cases;
using Xunit;
using Xunit.v3;

#if XUNIT4
namespace GradAssert.Xunit.v3.Xunit4;
#else
namespace GradAssert.Xunit.v3;
#endif

/// <summary>
/// xUnit's test runner, with the one call of the test method replaced by the property run: the summary line goes to
/// the test's output, and a failing run attaches the chart of its smallest failing case to the result. xUnit 4 moved
/// members between the interfaces this reads, so GradAssert.Xunit.v3.Xunit4 compiles this file again against xUnit 4.
/// </summary>
internal sealed class GradientCheckTestRunner : XunitTestRunner
{
    public static new GradientCheckTestRunner Instance { get; } = new();

    protected override async ValueTask<TimeSpan> InvokeTest(XunitTestRunnerContext ctxt, object? testClassInstance)
    {
        ArgumentNullException.ThrowIfNull(ctxt);
        var clock = Stopwatch.StartNew();
        await ctxt.Aggregator.RunAsync(() => RunPropertyAsync(ctxt.Test, testClassInstance)).ConfigureAwait(false);
        return clock.Elapsed;
    }

    private static async ValueTask RunPropertyAsync(IXunitTest xunitTest, object? testClassInstance)
    {
        var method = xunitTest.TestMethod.Method;
        bool closed = method.IsGenericMethod && !method.IsGenericMethodDefinition;
        var declared = closed ? method.GetGenericMethodDefinition() : method;
        var attribute = declared.GetCustomAttribute<GradientCheckAttribute>()
            ?? throw new InvalidOperationException($"{method.Name} has no [GradientCheck] attribute.");
        if (GradientTestMethod.SignatureProblem(declared, attribute.TypeArguments) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var test = GradientTestMethod.For(declared, closed ? method.GetGenericArguments()[0] : null);
        var testClass = method.ReflectedType ?? method.DeclaringType!;
        var context = TestContext.Current;

        // xUnit cancels this token when the test's Timeout is up (and when the run is cancelled).
        GradientPropertyResult result;
        try
        {
            result = await GradientProperty.RunAsync(
                test.FullName(testClass),
                attribute.Settings with { Progress = line => context.TestOutputHelper?.WriteLine(line), ReplayCommand = XunitReplay.Command(testClass.Assembly) },
                test, testClassInstance, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (xunitTest.Timeout > 0 && context.CancellationToken.IsCancellationRequested)
        {
            // xUnit has already failed the test for its timeout; a second failure would be reported as a cleanup failure.
            return;
        }

        if (result.ChartPath is { } chart)
        {
            context.AddAttachment(Path.GetFileNameWithoutExtension(chart), await File.ReadAllBytesAsync(chart).ConfigureAwait(false), "image/svg+xml");
        }

        context.TestOutputHelper?.WriteLine(result.ThrowIfFailed());
    }
}
