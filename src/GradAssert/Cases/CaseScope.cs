namespace GradAssert;

/// <summary>
/// The case whose body is running on this async flow, so that checks called inside it can report to it. Flow-local
/// (<see cref="AsyncLocal{T}"/>), not shared: cases of tests running in parallel each see their own.
/// </summary>
internal static class CaseScope
{
    private static readonly AsyncLocal<GradientCase?> Running = new();

    /// <summary>The case running on this flow, or null outside a <c>[GradientCheck]</c> case.</summary>
    public static GradientCase? Current => Running.Value;

    /// <summary>
    /// Records <paramref name="report"/> with the running case, if any; returns it. The core's checks can call this
    /// so that plain <see cref="GradientAssert.Layer{T}"/> calls also appear in a passing test's summary.
    /// </summary>
    public static GradientReport Observe(GradientReport report)
    {
        Running.Value?.Record(report);
        return report;
    }

    /// <summary>Runs <paramref name="body"/> with <paramref name="case"/> as the running case.</summary>
    public static void Run(GradientCase @case, Action<GradientCase> body)
    {
        var outer = Running.Value;
        Running.Value = @case;
        try
        {
            body(@case);
        }
        finally
        {
            Running.Value = outer;
        }
    }
}
