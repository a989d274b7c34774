namespace GradAssert;

/// <summary>
/// The property engine behind <c>[GradientCheck]</c>, free of any test framework: runs the cases of a test, stops at
/// the first failing one, shrinks it, and turns the outcome into a summary line or the exception the test fails with.
/// The adapters only translate between their framework and this.
/// </summary>
internal static class GradientProperty
{
    /// <param name="testName">The test's full name (namespace, class, method); seeds the default and appears in the replay line.</param>
    /// <param name="settings">What the attribute asks for.</param>
    /// <param name="body">The test method, called once per case (and per shrink attempt).</param>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> in real runs.</param>
    public static PropertyResult Run(string testName, GradientCheckSettings settings, Action<GradientCase> body, Func<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(testName);
        ArgumentNullException.ThrowIfNull(body);
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
            var (smallest, shrinks, _) = Shrinker.Shrink(outcome, sizes => Execute(body, new GradientCase(caseSeed, caseIndex, size, sizes)));
            string? chart = smallest.Error is GradientCheckException gradient ? FailureChart.Write(testName, gradient.Report, environment) : null;
            var failure = PropertyMessages.Failure(testName, plan, passed.Count + 1, outcome, smallest, shrinks, chart);
            return new PropertyResult(plan, passed.Count + 1, outcome, smallest, shrinks, failure) { ChartPath = chart };
        }

        return new PropertyResult(plan, passed.Count, PropertyMessages.Summary(plan, passed));
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
