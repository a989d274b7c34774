using System.Reflection;

namespace GradAssert.Cases;

/// <summary>
/// The property engine behind <c>[GradientCheck]</c>, free of any test framework: runs the cases of a test, stops at
/// the first failing one, shrinks it, and turns the outcome into a summary line or the exception the test fails with.
/// Each test-framework adapter only translates between its framework and this class.
/// </summary>
public static class GradientProperty
{
    /// <summary>
    /// Why <paramref name="method"/> cannot be a non-generic <c>[GradientCheck]</c> test, or null when it can; see
    /// <see cref="GradientTestMethod.SignatureProblem"/>.
    /// </summary>
    /// <param name="method">The attributed method.</param>
    public static string? SignatureProblem(MethodInfo method) => GradientTestMethod.SignatureProblem(method, []);

    /// <summary>
    /// Why <paramref name="method"/> with the attribute's <paramref name="typeArguments"/> cannot be a
    /// <c>[GradientCheck]</c> test, or null when it can; see <see cref="GradientTestMethod.SignatureProblem"/>.
    /// </summary>
    /// <param name="method">The attributed method.</param>
    /// <param name="typeArguments">The type arguments on the attribute; empty for a non-generic method.</param>
    public static string? SignatureProblem(MethodInfo method, IReadOnlyList<Type> typeArguments) =>
        GradientTestMethod.SignatureProblem(method, typeArguments);

    /// <summary>Runs <paramref name="method"/> on <paramref name="instance"/> once per case; its exceptions reach the engine unwrapped.</summary>
    /// <param name="testName">The test's full name (namespace, class, method); seeds the default and appears in the replay line.</param>
    /// <param name="settings">What the attribute asks for.</param>
    /// <param name="method">The test method: non-generic, returning <see langword="void"/>; see <see cref="SignatureProblem(MethodInfo)"/>.</param>
    /// <param name="instance">The test class instance, or null for a static method.</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <exception cref="ArgumentException">The method does not fit (see <see cref="SignatureProblem(MethodInfo)"/>).</exception>
    public static GradientPropertyResult Run(string testName, GradientPropertySettings settings, MethodInfo method, object? instance, Func<string, string?>? environment = null)
    {
        var test = GradientTestMethod.For(method, typeArgument: null);
        return RunAsync(testName, settings, c => test.InvokeAsync(instance, c), environment, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="body"/> once per case (and once per shrink attempt of a failing case).</summary>
    /// <param name="testName">The test's full name (namespace, class, method); seeds the default and appears in the replay line.</param>
    /// <param name="settings">What the attribute asks for.</param>
    /// <param name="body">The test's body.</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    public static GradientPropertyResult Run(string testName, GradientPropertySettings settings, Action<GradientCase> body, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(body);

        // A synchronous body completes every task at once: the result is there without blocking.
        return RunAsync(testName, settings, c =>
        {
            body(c);
            return Task.CompletedTask;
        }, environment, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Runs one test of a <c>[GradientCheck]</c> method on <paramref name="instance"/> once per case, awaiting each case.</summary>
    /// <param name="testName">The test's full name (<see cref="GradientTestMethod.FullName"/>); seeds the default and appears in the replay line.</param>
    /// <param name="settings">What the attribute asks for; unless they carry <see cref="GradientPropertySettings.AssemblyDefaults"/>, the
    /// <see cref="GradientCheckDefaultsAttribute"/> of the test class's assembly is read here.</param>
    /// <param name="test">The test method, from <see cref="GradientTestMethod.For(MethodInfo, IReadOnlyList{Type})"/>.</param>
    /// <param name="instance">The test class instance, or null for a static method.</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <param name="cancellationToken">The framework's timeout; see <see cref="RunAsync(string, GradientPropertySettings, Func{GradientCase, Task}, Func{string, string?}?, CancellationToken)"/>.</param>
    public static Task<GradientPropertyResult> RunAsync(
        string testName, GradientPropertySettings settings, GradientTestMethod test, object? instance, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(settings);
        settings = settings.AssemblyDefaults is null
            ? settings with { AssemblyDefaults = (test.Method.ReflectedType ?? test.Method.DeclaringType)?.Assembly.GetCustomAttribute<GradientCheckDefaultsAttribute>() }
            : settings;
        return RunAsync(testName, settings, c => test.InvokeAsync(instance, c), environment, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="body"/> once per case (and once per shrink attempt of a failing case), awaiting each, one
    /// after another. A run in which no case ran a gradient check fails: a pass needs checks that passed.
    /// </summary>
    /// <param name="testName">The test's full name (namespace, class, method); seeds the default and appears in the replay line.</param>
    /// <param name="settings">What the attribute asks for.</param>
    /// <param name="body">The test's body.</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <param name="cancellationToken">
    /// The framework's timeout for the whole run: each case sees it as <see cref="GradientCase.CancellationToken"/>, and
    /// once it is cancelled no further case or shrink attempt starts (an <see cref="OperationCanceledException"/>).
    /// </param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<GradientPropertyResult> RunAsync(
        string testName, GradientPropertySettings settings, Func<GradientCase, Task> body, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testName);
        ArgumentNullException.ThrowIfNull(body);
        environment ??= Environment.GetEnvironmentVariable;
        var plan = RunPlan.Resolve(testName, settings, environment);
        var defaults = CaseDefaults(testName, settings);
        var passed = new List<GradientCase>();
        for (int index = plan.First; index <= plan.Last; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int caseSeed = CaseSeeds.ForCase(plan.TestSeed, index);
            double size = CaseSizing.SizeOf(index, plan.Cases);
            var outcome = await ExecuteAsync(body, new GradientCase(caseSeed, index, size, null, cancellationToken, settings.Progress, settings.ProgressEvery) { Defaults = defaults }, cancellationToken).ConfigureAwait(false);
            if (!outcome.Failed)
            {
                passed.Add(outcome.Case);
                continue;
            }

            int caseIndex = index;
            var (smallest, shrinks) = await Shrinker.ShrinkAsync(
                outcome,
                sizes => ExecuteAsync(body, new GradientCase(caseSeed, caseIndex, size, sizes, cancellationToken, settings.Progress, settings.ProgressEvery) { Defaults = defaults }, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            string? chart = smallest.Error is GradientCheckException gradient ? FailureChart.Write(testName, gradient.Report, environment) : null;
            var failure = PropertyMessages.Failure(testName, plan, passed.Count + 1, outcome, smallest, shrinks, chart, settings.ReplayCommand);
            return new GradientPropertyResult(passed.Count + 1, outcome.Case, smallest.Case, failure, chart);
        }

        if (passed.All(c => c.Reports.Count == 0))
        {
            return new GradientPropertyResult(passed.Count, PropertyMessages.NoCheck(testName, plan, passed.Count));
        }

        return new GradientPropertyResult(passed.Count, PropertyMessages.Summary(plan, passed));
    }

    /// <summary>The options the assembly's defaults and then the test's attribute set, or null when they set none.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or more than one tolerance rule is set in one place.</exception>
    private static GradCheckOptions? CaseDefaults(string testName, GradientPropertySettings settings)
    {
        var options = GradCheckOptions.Default;
        if (settings.AssemblyDefaults is { } assembly)
        {
            options = assembly.CheckSettings.ApplyTo(options, "[assembly: GradientCheckDefaults]");
        }

        if (settings.Check is { } check)
        {
            options = check.ApplyTo(options, "[GradientCheck]");
        }

        return options.Sources.Any ? options : null;
    }

    private static async Task<CaseOutcome> ExecuteAsync(Func<GradientCase, Task> body, GradientCase @case, CancellationToken cancellationToken)
    {
        try
        {
            await CaseScope.RunAsync(@case, body).ConfigureAwait(false);
            return new CaseOutcome(@case, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test's time is up: the framework reports the timeout, not this case.
            throw;
        }
        catch (Exception error)
        {
            return new CaseOutcome(@case, error);
        }
    }
}
