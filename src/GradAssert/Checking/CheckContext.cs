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
    /// for what they leave at its default; and the context's seed (or 0) when they set none.
    /// </summary>
    public static GradCheckOptions Resolve(GradCheckOptions? options)
    {
        options ??= GradCheckOptions.Default;
        if (Current?.Defaults is { } defaults)
        {
            options = options.Under(defaults);
        }

        return options.Seed is null ? options with { Seed = Current?.Seed ?? 0 } : options;
    }

    /// <summary>Shows <paramref name="report"/> to the running context, if any; returns it.</summary>
    public static GradientReport Observe(GradientReport report)
    {
        Current?.Record(report);
        return report;
    }
}
