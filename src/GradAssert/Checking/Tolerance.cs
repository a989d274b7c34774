using System.Globalization;

namespace GradAssert;

/// <summary>How a check decides that an analytic gradient is wrong.</summary>
public sealed record Tolerance
{
    private Tolerance(ToleranceKind kind, double safetyFactor, double threshold, double absolute, double relative)
    {
        Kind = kind;
        SafetyFactor = safetyFactor;
        Threshold = threshold;
        Absolute = absolute;
        Relative = relative;
    }

    /// <summary>
    /// The default: per element, the numerical derivative's own error is estimated (rounding from the layer's
    /// float type and the objective's size, truncation from a second step size) and an element fails only when
    /// |g−n| exceeds <see cref="SafetyFactor"/> times that estimate. Right for float and double alike; kinks are skipped.
    /// </summary>
    public static Tolerance Auto { get; } = new(ToleranceKind.ErrorModel, 10, 0, 0, 0);

    /// <summary>Which rule this is.</summary>
    public ToleranceKind Kind { get; }

    /// <summary>For <see cref="ToleranceKind.ErrorModel"/>: how many times its error estimate a mismatch may be.</summary>
    public double SafetyFactor { get; }

    /// <summary>For <see cref="ToleranceKind.NormalizedDifference"/>: the largest passing ‖g−n‖/(‖g‖+‖n‖).</summary>
    public double Threshold { get; }

    /// <summary>For <see cref="ToleranceKind.AllClose"/>: the absolute part of |g−n| ≤ atol + rtol·|n|.</summary>
    public double Absolute { get; }

    /// <summary>For <see cref="ToleranceKind.AllClose"/>: the relative part of |g−n| ≤ atol + rtol·|n|.</summary>
    public double Relative { get; }

    /// <summary>The error model with a safety factor of your choice (the default is 10).</summary>
    /// <param name="safetyFactor">How many times its error estimate a mismatch may be; at least 1.</param>
    public static Tolerance ErrorModel(double safetyFactor)
    {
        if (!(safetyFactor >= 1) || double.IsInfinity(safetyFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(safetyFactor), safetyFactor, "The safety factor must be a finite number of at least 1.");
        }

        return new(ToleranceKind.ErrorModel, safetyFactor, 0, 0, 0);
    }

    /// <summary>
    /// The course's rule: a tensor, and the whole check, pass when ‖g−n‖/(‖g‖+‖n‖) is below <paramref name="threshold"/>.
    /// Usually paired with <c>StepSize.Fixed(1e-7)</c> to reproduce the course's figures. Kinks are not detected.
    /// </summary>
    /// <param name="threshold">The largest passing normalized difference, such as 2e-7.</param>
    public static Tolerance NormalizedDifference(double threshold = 2e-7)
    {
        if (!(threshold > 0) || double.IsInfinity(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite positive number.");
        }

        return new(ToleranceKind.NormalizedDifference, 0, threshold, 0, 0);
    }

    /// <summary>Element-wise |g−n| ≤ atol + rtol·|n|, as numpy's allclose and PyTorch's gradcheck decide. Kinks are not detected.</summary>
    /// <param name="absolute">atol, zero or more.</param>
    /// <param name="relative">rtol, zero or more.</param>
    public static Tolerance AllClose(double absolute, double relative)
    {
        if (!(absolute >= 0) || !(relative >= 0) || double.IsInfinity(absolute) || double.IsInfinity(relative) || absolute + relative == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(absolute), "atol and rtol must be finite, zero or more, and not both zero.");
        }

        return new(ToleranceKind.AllClose, 0, 0, absolute, relative);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ToleranceKind.ErrorModel => SafetyFactor == Auto.SafetyFactor
            ? "error model"
            : string.Create(CultureInfo.InvariantCulture, $"error model ×{SafetyFactor:G3}"),
        ToleranceKind.NormalizedDifference => string.Create(CultureInfo.InvariantCulture, $"normalized difference < {Threshold:G3}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"|g-n| <= {Absolute:G3} + {Relative:G3}*|n|"),
    };
}

/// <summary>The kinds of <see cref="Tolerance"/>.</summary>
public enum ToleranceKind
{
    /// <summary>Per-element error model (the default).</summary>
    ErrorModel,

    /// <summary>A fixed threshold on the normalized difference, per tensor and overall.</summary>
    NormalizedDifference,

    /// <summary>Element-wise atol + rtol·|n|.</summary>
    AllClose,
}
