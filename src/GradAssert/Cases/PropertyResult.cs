namespace GradAssert;

/// <summary>The result of a <c>[GradientCheck]</c> run: a summary line when it passed, the exception to fail with when not.</summary>
internal sealed class PropertyResult
{
    public PropertyResult(RunPlan plan, int casesRun, string summary)
    {
        Plan = plan;
        CasesRun = casesRun;
        Summary = summary;
    }

    public PropertyResult(RunPlan plan, int casesRun, CaseOutcome original, CaseOutcome smallest, int shrinks, Exception failure)
    {
        Plan = plan;
        CasesRun = casesRun;
        Original = original;
        Smallest = smallest;
        Shrinks = shrinks;
        Failure = failure;
        Summary = failure.Message;
    }

    public RunPlan Plan { get; }

    public int CasesRun { get; }

    /// <summary>One line for the test output when the run passed; the failure message otherwise.</summary>
    public string Summary { get; }

    public bool Passed => Failure is null;

    /// <summary>The first failing case, as drawn.</summary>
    public CaseOutcome? Original { get; }

    /// <summary>The smallest failing case shrinking found (<see cref="Original"/> when none was smaller).</summary>
    public CaseOutcome? Smallest { get; }

    public int Shrinks { get; }

    /// <summary>What the test fails with: a <see cref="GradientCheckException"/>, <see cref="LayerContractException"/> or <see cref="GradientCaseException"/>.</summary>
    public Exception? Failure { get; }

    /// <summary>The SVG chart of the smallest failing case's report, when a gradient failed and the chart could be written.</summary>
    public string? ChartPath { get; init; }

    /// <summary>Throws <see cref="Failure"/> when the run failed; returns the summary line otherwise.</summary>
    public string ThrowIfFailed() => Failure is null ? Summary : throw Failure;
}
