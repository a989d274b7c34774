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
    /// Why <paramref name="method"/> cannot be a <c>[GradientCheck]</c> test, or null when it can: it must be a
    /// non-generic <see langword="void"/> method whose only parameter is a <see cref="GradientCase"/>.
    /// </summary>
    /// <param name="method">The attributed method.</param>
    public static string? SignatureProblem(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var parameters = method.GetParameters();
        bool takesOneCase = parameters.Length == 1 && parameters[0].ParameterType == typeof(GradientCase);
        if (takesOneCase && method.ReturnType == typeof(void) && !method.IsGenericMethodDefinition)
        {
            return null;
        }

        return $"[GradientCheck] needs a non-generic void method whose only parameter is a GradientCase, such as 'public void Dense_backward_matches(GradientCase c)'; {method.Name} does not fit.";
    }

    /// <summary>Runs <paramref name="method"/> on <paramref name="instance"/> once per case; its exceptions reach the engine unwrapped.</summary>
    /// <param name="testName">The test's full name (namespace, class, method); seeds the default and appears in the replay line.</param>
    /// <param name="settings">What the attribute asks for.</param>
    /// <param name="method">The test method; see <see cref="SignatureProblem"/>.</param>
    /// <param name="instance">The test class instance, or null for a static method.</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <exception cref="ArgumentException">The method does not fit (see <see cref="SignatureProblem"/>).</exception>
    public static GradientPropertyResult Run(string testName, GradientPropertySettings settings, MethodInfo method, object? instance, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (SignatureProblem(method) is { } problem)
        {
            throw new ArgumentException(problem, nameof(method));
        }

        return Run(testName, settings, c => method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, [c], culture: null), environment);
    }

    /// <summary>Runs <paramref name="body"/> once per case (and once per shrink attempt of a failing case).</summary>
    /// <param name="testName">The test's full name (namespace, class, method); seeds the default and appears in the replay line.</param>
    /// <param name="settings">What the attribute asks for.</param>
    /// <param name="body">The test's body.</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    public static GradientPropertyResult Run(string testName, GradientPropertySettings settings, Action<GradientCase> body, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testName);
        ArgumentNullException.ThrowIfNull(body);
        environment ??= Environment.GetEnvironmentVariable;
        var plan = RunPlan.Resolve(testName, settings, environment);
        var passed = new List<GradientCase>();
        for (int index = plan.First; index <= plan.Last; index++)
        {
            int caseSeed = CaseSeeds.ForCase(plan.TestSeed, index);
            double size = CaseSizing.SizeOf(index, plan.Cases);
            var outcome = Execute(body, new GradientCase(caseSeed, index, size, null));
            if (!outcome.Failed)
            {
                passed.Add(outcome.Case);
                continue;
            }

            int caseIndex = index;
            var (smallest, shrinks) = Shrinker.Shrink(outcome, sizes => Execute(body, new GradientCase(caseSeed, caseIndex, size, sizes)));
            string? chart = smallest.Error is GradientCheckException gradient ? FailureChart.Write(testName, gradient.Report, environment) : null;
            var failure = PropertyMessages.Failure(testName, plan, passed.Count + 1, outcome, smallest, shrinks, chart);
            return new GradientPropertyResult(passed.Count + 1, outcome.Case, smallest.Case, failure, chart);
        }

        return new GradientPropertyResult(passed.Count, PropertyMessages.Summary(plan, passed));
    }

    private static CaseOutcome Execute(Action<GradientCase> body, GradientCase @case)
    {
        try
        {
            CaseScope.Run(@case, body);
            return new CaseOutcome(@case, null);
        }
        catch (Exception error)
        {
            return new CaseOutcome(@case, error);
        }
    }
}
