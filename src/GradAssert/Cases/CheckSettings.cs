using System.Globalization;

namespace GradAssert.Cases;

/// <summary>
/// Check settings given where teams configure tests, as plain values: on the <c>[GradientCheck]</c> attribute, or for
/// a whole test assembly with <see cref="GradientCheckDefaultsAttribute"/>. Null means not set. They become the options
/// of the checks inside each case, unless the case's code sets that option itself. For the authors of test-framework
/// adapters; tests use the attributes.
/// </summary>
public sealed record CheckSettings
{
    /// <summary>The error model with this safety factor (<see cref="Tolerance.ErrorModel"/>).</summary>
    public double? SafetyFactor { get; init; }

    /// <summary>With <see cref="RelativeTolerance"/>: <see cref="Tolerance.AllClose"/>, |g−n| ≤ atol + rtol·|n|.</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary>With <see cref="AbsoluteTolerance"/>: <see cref="Tolerance.AllClose"/>.</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>The course's rule with this threshold (<see cref="Tolerance.NormalizedDifference"/>).</summary>
    public double? Threshold { get; init; }

    /// <summary>A fixed step (<see cref="StepSize.Fixed"/>).</summary>
    public double? Step { get; init; }

    /// <summary>The mode (<see cref="GradCheckOptions.Mode"/>).</summary>
    public CheckMode? Mode { get; init; }

    /// <summary>The stencil (<see cref="GradCheckOptions.Scheme"/>).</summary>
    public DifferenceScheme? Scheme { get; init; }

    /// <summary>The sampling limit (<see cref="GradCheckOptions.MaxElements"/>).</summary>
    public int? MaxElements { get; init; }

    /// <summary>
    /// <paramref name="options"/> with these settings in place, and their source recorded for the report's header.
    /// </summary>
    /// <param name="source">Where they come from, as the header names it: <c>[GradientCheck] on the test</c>.</param>
    /// <exception cref="ArgumentException">More than one tolerance rule is set, or a value is out of range.</exception>
    internal GradCheckOptions ApplyTo(GradCheckOptions options, string source)
    {
        int rules = (SafetyFactor is null ? 0 : 1) + (Threshold is null ? 0 : 1) + (AbsoluteTolerance is null && RelativeTolerance is null ? 0 : 1);
        if (rules > 1)
        {
            throw new ArgumentException(
                $"{source} sets more than one tolerance rule; set one of SafetyFactor (the error model), AbsoluteTolerance with RelativeTolerance (allclose), or Threshold (the course's rule).");
        }

        var sources = options.Sources;
        try
        {
            if (Rule() is { } tolerance)
            {
                (options, sources) = (options with { Tolerance = tolerance }, sources with { Tolerance = source });
            }

            if (Step is { } step)
            {
                (options, sources) = (options with { Step = StepSize.Fixed(step) }, sources with { Step = source });
            }

            if (Mode is { } mode)
            {
                (options, sources) = (options with { Mode = mode }, sources with { Mode = source });
            }

            if (Scheme is { } scheme)
            {
                (options, sources) = (options with { Scheme = scheme }, sources with { Scheme = source });
            }

            if (MaxElements is { } most)
            {
                (options, sources) = (options with { MaxElements = most }, sources with { MaxElements = source });
            }
        }
        catch (ArgumentOutOfRangeException error)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{source}: {error.Message}"), error);
        }

        return options with { Sources = sources };
    }

    /// <summary>The tolerance rule set here, or null.</summary>
    private Tolerance? Rule() =>
        SafetyFactor is { } factor ? Tolerance.ErrorModel(factor)
        : Threshold is { } threshold ? Tolerance.NormalizedDifference(threshold)
        : AbsoluteTolerance is not null || RelativeTolerance is not null ? Tolerance.AllClose(AbsoluteTolerance ?? 0, RelativeTolerance ?? 0)
        : null;
}
