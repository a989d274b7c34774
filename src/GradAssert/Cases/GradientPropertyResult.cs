namespace GradAssert.Cases;

/// <summary>
/// The result of a <c>[GradientCheck]</c> run: a summary line when it passed, the exception to fail the test with when
/// not. For the authors of test-framework adapters.
/// </summary>
public sealed class GradientPropertyResult
{
    internal GradientPropertyResult(int casesRun, string summary)
    {
        CasesRun = casesRun;
        Summary = summary;
    }

    internal GradientPropertyResult(int casesRun, Exception failure)
    {
        CasesRun = casesRun;
        Failure = failure;
        Summary = failure.Message;
    }

    internal GradientPropertyResult(int casesRun, GradientCase original, GradientCase smallest, Exception failure, string? chartPath)
    {
        CasesRun = casesRun;
        FailingCase = original;
        SmallestFailingCase = smallest;
        Failure = failure;
        Summary = failure.Message;
        ChartPath = chartPath;
    }

    /// <summary>True when every case passed.</summary>
    public bool Passed => Failure is null;

    /// <summary>How many cases ran, the failing one included (shrink attempts not counted).</summary>
    public int CasesRun { get; }

    /// <summary>The line to write to the test's output when the run passed; the failure message otherwise.</summary>
    public string Summary { get; }

    /// <summary>The first failing case, as drawn; null when the run passed or no case ran a check.</summary>
    public GradientCase? FailingCase { get; }

    /// <summary>The smallest failing case shrinking found (<see cref="FailingCase"/> when none was smaller); null when <see cref="FailingCase"/> is.</summary>
    public GradientCase? SmallestFailingCase { get; }

    /// <summary>
    /// What the test fails with: a <see cref="GradientCheckException"/> (a gradient is wrong), a
    /// <see cref="LayerContractException"/> (the layer broke the contract) or a <see cref="GradientCaseException"/>
    /// (the test threw something else, its inner exception; or, with no inner exception, no case ran a gradient check,
    /// so there was nothing to pass); null when the run passed.
    /// </summary>
    public Exception? Failure { get; }

    /// <summary>The SVG chart of the smallest failing case's report, when a gradient failed and the chart could be written.</summary>
    public string? ChartPath { get; }

    /// <summary>Throws <see cref="Failure"/> when the run failed; returns <see cref="Summary"/> otherwise.</summary>
    public string ThrowIfFailed() => Failure is null ? Summary : throw Failure;
}
