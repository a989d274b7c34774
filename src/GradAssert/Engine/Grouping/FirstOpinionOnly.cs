namespace GradAssert.Engine;

/// <summary>
/// The evidence behind a grouped first opinion: the two samples at ±h measured in the group, and nothing more. A
/// tolerance that asks for anything else (a second opinion at ±2h, the unperturbed output again, a repeat, the
/// resolution, a Taylor test's floors) gets <see cref="MoreEvidenceNeeded"/>, and the element is compared alone, exactly as without grouping.
/// </summary>
internal sealed class FirstOpinionOnly : IDerivativeSampler
{
    public Sample Sample(double offset) => throw new MoreEvidenceNeeded();

    public void RequireUnperturbedOutput() => throw new MoreEvidenceNeeded();

    public void RequireRepeat(Sample earlier, double offset) => throw new MoreEvidenceNeeded();

    public double Resolution(double valueScale, double analyticRounding, double rounding) => throw new MoreEvidenceNeeded();

    public (double Outputs, double Analytic) Floors(double valueScale, double analyticRounding) => throw new MoreEvidenceNeeded();

    public (double Low, double High) SubgradientRange(double step) => throw new MoreEvidenceNeeded();

    /// <summary>The element's judgement needs evidence a group did not measure; it never leaves the engine.</summary>
    internal sealed class MoreEvidenceNeeded : Exception
    {
        public MoreEvidenceNeeded()
            : base("The judgement needs more than the first opinion; the element is compared alone.")
        {
        }
    }
}
