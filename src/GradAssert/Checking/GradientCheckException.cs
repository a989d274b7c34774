namespace GradAssert;

/// <summary>Thrown when an analytic gradient disagrees with its numerical reference. The message is the per-layer report.</summary>
public class GradientCheckException : Exception
{
    /// <summary>Creates the exception for a failed report.</summary>
    /// <param name="report">The report of the failed check.</param>
    public GradientCheckException(GradientReport report)
        : base(report?.ToString())
    {
        Report = report ?? throw new ArgumentNullException(nameof(report));
    }

    /// <summary>Creates the exception with a message of its own, keeping the report.</summary>
    /// <param name="message">The message, usually the report with context (seed, case, replay line) around it.</param>
    /// <param name="report">The report of the failed check.</param>
    public GradientCheckException(string message, GradientReport report)
        : base(message)
    {
        Report = report ?? throw new ArgumentNullException(nameof(report));
    }

    /// <summary>The full report: every tensor's figures, and the blamed layers.</summary>
    public GradientReport Report { get; }
}
