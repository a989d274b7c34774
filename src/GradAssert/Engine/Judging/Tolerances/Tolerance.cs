using GradAssert.Engine.Evidence;
using GradAssert.Engine.Judging;

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

    /// <summary>The judge of one element (or direction): this rule's opinions, in order (<see cref="Opinions"/>).</summary>
    /// <param name="secondOpinion">Whether a verdict near its tolerance gets the Taylor test as a second opinion.</param>
    internal abstract ElementJudge Judge(bool secondOpinion);

    /// <summary>
    /// Whether <paramref name="element"/> counts as wrong in a tensor with <paramref name="norms"/>, from its analytic
    /// and numerical derivative and its status: element-wise comparisons keep no more than that per element
    /// (the comparison's compact outcomes), so its allowance is NaN here.
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

    /// <summary>
    /// Whether the course's bands mean something for a check judged by this rule in <paramref name="precision"/>: in
    /// double always; in float only under a rule made of them.
    /// </summary>
    internal virtual bool BandsApplyIn(string precision) => precision == "double";

    /// <summary>
    /// The error-to-tolerance of the whole check's normalized difference <paramref name="difference"/> under this rule, or
    /// 0 for a rule that judges elements.
    /// </summary>
    internal virtual double OverallErrorToTolerance(double difference) => 0;

    /// <summary>True for a rule that judges each tensor whole, by its normalized difference, rather than its elements.</summary>
    internal virtual bool JudgesWholeTensors => false;

    /// <summary>The result cell of a row this rule failed on the tensor's figure alone (<c>WRONG: over 2e-07</c>), or null.</summary>
    internal virtual string? WholeTensorFailure => null;

    /// <summary>Why every element or tensor passed, for a report whose figures look odd for a pass: <paramref name="ratio"/> is the worst err/tol.</summary>
    internal virtual string PassedWithin(string ratio) => $"every element is within {this} (err/tol at most {ratio})";

    /// <summary>
    /// True when a pass above the course's lines is explained by the error of finite differences themselves, which this
    /// rule estimated per element.
    /// </summary>
    internal virtual bool EstimatesItsOwnError => false;

    /// <summary>Whether a passing tensor near its tolerance is tested along its gradient when second opinions are on.</summary>
    internal virtual bool ReviewsAlongGradient => false;

    /// <summary>How many times its rounding the analytic derivative may be off in a Taylor test under this rule.</summary>
    internal virtual double TaylorSafetyFactor => ErrorModelTolerance.DefaultSafetyFactor;

    /// <summary>The rule in a few words, as the report's header prints it.</summary>
    public abstract override string ToString();
}
