using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using GradAssert.Cases;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GradAssert.MSTest;

/// <summary>One <see cref="GradientCheckAttribute"/> method run through the property engine: one MSTest result per test.</summary>
internal sealed class GradientCheckRun(ITestMethod testMethod, GradientPropertySettings settings, IReadOnlyList<Type> typeArguments)
{
    public async Task<TestResult[]> ExecuteAsync()
    {
        var method = testMethod.MethodInfo;
        var testClass = method.ReflectedType ?? method.DeclaringType!;
        if (GradientTestMethod.SignatureProblem(method, typeArguments) is { } problem)
        {
            return [new TestResult { Outcome = UnitTestOutcome.Error, TestFailureException = new InvalidOperationException(problem), DisplayName = method.Name }];
        }

        var results = new List<TestResult>();
        foreach (var test in GradientTestMethod.For(method, typeArguments))
        {
            results.Add(await RunAsync(test, testClass).ConfigureAwait(false));
        }

        return [.. results];
    }

    private async Task<TestResult> RunAsync(GradientTestMethod test, Type testClass)
    {
        var clock = Stopwatch.StartNew();
        var output = new StringBuilder();
        var errors = new StringBuilder();
        var messages = new StringBuilder();
        var files = new List<string>();
        object? sharedInstance = test.TypeArgument is null ? null : Activator.CreateInstance(testClass);
        async Task Case(GradientCase c)
        {
            if (sharedInstance is not null)
            {
                await test.InvokeAsync(sharedInstance, c).ConfigureAwait(false);
                return;
            }

            // Through MSTest, so the case gets the class's TestContext, [TestInitialize] and [TestCleanup].
            var result = await testMethod.InvokeAsync([c]).ConfigureAwait(false);
            output.Append(result.LogOutput);
            errors.Append(result.LogError);
            messages.Append(result.TestContextMessages);
            files.AddRange(result.ResultFiles ?? []);
            if (result.Outcome != UnitTestOutcome.Passed && result.TestFailureException is { } failure)
            {
                // MSTest wraps what the method threw; the engine tells failures apart by the original's type.
                ExceptionDispatchInfo.Capture(failure.InnerException ?? failure).Throw();
            }
        }

        var timeout = testMethod.GetAttributes<TimeoutAttribute>().FirstOrDefault()?.Timeout ?? 0;
        using var time = timeout > 0 ? new CancellationTokenSource(timeout) : new CancellationTokenSource();
        // The body overload cannot see the test's assembly: its [assembly: GradientCheckDefaults] is passed along here.
        var run = GradientProperty.RunAsync(
            test.FullName(testClass),
            settings with
            {
                AssemblyDefaults = settings.AssemblyDefaults ?? testClass.Assembly.GetCustomAttribute<GradientCheckDefaultsAttribute>(),
                Progress = line => { lock (output) { output.AppendLine(line); } },
                ReplayCommand = ReplayCommand(testClass.Assembly),
            },
            Case,
            cancellationToken: time.Token);
        TestResult verdict;
        if (timeout > 0 && await Task.WhenAny(run, Task.Delay(Timeout.Infinite, time.Token)).ConfigureAwait(false) != run || run.IsCanceled)
        {
            // The limit is on the whole run, not on each case as MSTest's own [Timeout] is.
            _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default);
            verdict = new TestResult
            {
                Outcome = UnitTestOutcome.Timeout,
                TestFailureException = new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture, $"GradientCheck timed out: {test.FullName(testClass)} ran longer than its [Timeout({timeout})] of {timeout} ms.")),
            };
        }
        else
        {
            var result = await run.ConfigureAwait(false);
            if (result.ChartPath is { } chart)
            {
                files.Add(chart);
            }

            if (result.Failure is { } failure)
            {
                // MSTest shows the failure's own stack only: give it the stack of what the case threw.
                if (failure.StackTrace is null && failure.InnerException?.StackTrace is { Length: > 0 } stack)
                {
                    ExceptionDispatchInfo.SetRemoteStackTrace(failure, stack);
                }

                verdict = new TestResult
                {
                    Outcome = failure is GradientCaseException { InnerException: not null } ? UnitTestOutcome.Error : UnitTestOutcome.Failed,
                    TestFailureException = failure,
                };
            }
            else
            {
                messages.AppendLine(result.Summary);
                verdict = new TestResult { Outcome = UnitTestOutcome.Passed };
            }
        }

        verdict.DisplayName = test.Name;
        verdict.Duration = clock.Elapsed;
        verdict.LogOutput = output.ToString();
        verdict.LogError = errors.ToString();
        verdict.TestContextMessages = messages.ToString();
        verdict.ResultFiles = files;
        return verdict;
    }

    /// <summary>
    /// Under Microsoft Testing Platform (<c>EnableMSTestRunner</c>, MSTest.Sdk) one test runs again through the platform's
    /// <c>--filter</c>; under VSTest through <c>dotnet test --filter</c>, the default.
    /// </summary>
    private static Func<string, string>? ReplayCommand(Assembly testAssembly) =>
        TestRunner.OnTestingPlatform ? method => TestRunner.TestingPlatformCommand($"--filter FullyQualifiedName={method}", testAssembly) : null;
}
