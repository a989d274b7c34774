using GradAssert.Engine;

namespace GradAssert;

/// <summary>
/// How a check decides that an analytic gradient is wrong: <see cref="Auto"/> (the error model, the default),
/// <see cref="ErrorModel"/> with another safety factor, the course's <see cref="NormalizedDifference"/> rule, or
/// numpy's <see cref="AllClose"/>. Each rule judges an element, a tensor and the whole report in its own way.
/// </summary>
public abstract record Tolerance
{
    // Only the rules below exist: their judgements are internal, so no other assembly can add one.
    private protected Tolerance()
    {
    }

    /// <summary>
    /// The default: per element, the numerical derivative's own error is estimated (rounding from the layer's
    /// float type and the objective's size, truncation from a second step size) and an element fails only when
    /// |g−n| exceeds ten times that estimate. Right for float and double alike; kinks are skipped.
    /// </summary>
    public static Tolerance Auto { get; } = new ErrorModelTolerance(ErrorModelTolerance.DefaultSafetyFactor);

    /// <summary>The error model with a safety factor of your choice (the default is 10).</summary>
    /// <param name="safetyFactor">How many times its error estimate a mismatch may be; at least 1.</param>
    public static Tolerance ErrorModel(double safetyFactor)
    {
        if (!(safetyFactor >= 1) || double.IsInfinity(safetyFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(safetyFactor), safetyFactor, "The safety factor must be a finite number of at least 1.");
        }

        return new ErrorModelTolerance(safetyFactor);
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

        return new NormalizedDifferenceTolerance(threshold);
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

        return new AllCloseTolerance(absolute, relative);
    }

    /// <summary>Judges one element (or direction) from what finite differences measured, asking for more evidence if it needs it.</summary>
    internal abstract ElementOutcome JudgeElement(DerivativeEvidence evidence);

    /// <summary>
    /// Whether <paramref name="element"/> counts as wrong in a tensor with <paramref name="norms"/>, from its analytic
    /// and numerical derivative and its status: element-wise comparisons keep no more than that per element
    /// (<see cref="ElementOutcomes"/>), so its allowance is NaN here.
    /// </summary>
    internal abstract bool IsWrong(in ElementOutcome element, in TensorNorms norms);

    /// <summary>Whether a tensor with <paramref name="norms"/> and <paramref name="wrongElements"/> wrong elements passes.</summary>
    internal abstract bool TensorPasses(in TensorNorms norms, int wrongElements);

    /// <summary>
    /// The figure a tensor's result follows from: its error relative to what this rule allows (at most 1 passes).
    /// For element-wise rules, the worst element's |g−n| over its allowance.
    /// </summary>
    internal virtual double ErrorToTolerance(in ElementOutcome worst, in TensorNorms norms) => worst.Badness;

    /// <summary>Whether the whole check passes on its overall normalized difference, once every tensor has passed.</summary>
    internal virtual bool ReportPasses(double difference) => true;

    /// <summary>The rule in a few words, as the report's header prints it.</summary>
    public abstract override string ToString();
}
