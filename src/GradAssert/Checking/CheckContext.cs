namespace GradAssert.Checking;

/// <summary>
/// Code that checks run inside of, such as a <c>[GradientCheck]</c> case: it lends its seed to checks whose options
/// leave the seed unset, and it sees every report. The entry points know only this interface, not the cases above them.
/// </summary>
internal interface ICheckContext
{
    /// <summary>The seed for checks that do not set one.</summary>
    int Seed { get; }

    /// <summary>
    /// Settings from the test's attribute or the test assembly, for the settings a check's own options leave at their
    /// defaults (see <see cref="GradCheckOptions.Sources"/>); null when there are none.
    /// </summary>
    GradCheckOptions? Defaults { get; }

    /// <summary>Sees the report of a check that ran inside this context.</summary>
    void Record(GradientReport report);

    /// <summary>Stops checks that are given no token of their own (the test's time is up).</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Where checks that set no <see cref="GradCheckOptions.Progress"/> of their own say how far they are; null for nowhere.</summary>
    IProgress<CheckProgress>? Progress { get; }
}

/// <summary>
/// The <see cref="ICheckContext"/> of the running async flow. Flow-local (<see cref="AsyncLocal{T}"/>), not shared:
/// tests running in parallel each see their own.
/// </summary>
internal static class CheckContext
{
    private static readonly AsyncLocal<ICheckContext?> Running = new();

    /// <summary>The context of this flow, or null outside any.</summary>
    public static ICheckContext? Current => Running.Value;

    /// <summary>Runs <paramref name="body"/> inside <paramref name="context"/>, restoring the outer one afterwards.</summary>
    public static void Run<TContext>(TContext context, Action<TContext> body)
        where TContext : ICheckContext
    {
        var outer = Running.Value;
        Running.Value = context;
        try
        {
            body(context);
        }
        finally
        {
            Running.Value = outer;
        }
    }

    /// <summary>
    /// The options a check runs with: the defaults when null; the context's settings (an attribute's, the assembly's)
    /// for what they leave at its default; the context's seed (or 0) when they set none; the token given (or else the
    /// context's), and the context's progress when they set none.
    /// </summary>
    public static GradCheckOptions Resolve(GradCheckOptions? options, CancellationToken cancellationToken = default)
    {
        options ??= GradCheckOptions.Default;
        var context = Current;
        if (context?.Defaults is { } defaults)
        {
            options = options.Under(defaults);
        }

        var token = cancellationToken.CanBeCanceled ? cancellationToken : context?.CancellationToken ?? default;
        return options with
        {
            Seed = options.Seed ?? context?.Seed ?? 0,
            Cancellation = token,
            Progress = options.Progress ?? context?.Progress,
        };
    }

    /// <summary>Shows <paramref name="report"/> to the running context, if any; returns it.</summary>
    public static GradientReport Observe(GradientReport report)
    {
        Current?.Record(report);
        return report;
    }
}
