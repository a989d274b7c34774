namespace GradAssert.Engine.Judging;

/// <summary>
/// An element within the allowance its samples at ±2h (and, at the next opinion, ±4h) widen by the error they show,
/// |D(h) − D(2h)| (+ 2·|D(2h) − D(4h)|): it passes if that widening is earned (<see cref="WideningMustBeEarned"/>).
/// </summary>
/// <param name="fourSteps">Whether the samples at ±4h add their estimate too.</param>
internal sealed class WithinTruncation(bool fourSteps) : FirstOpinion
{
    public override string Rule => fourSteps
        ? "Else, within that allowance widened by the samples at ±4h too (s·2·|D(2h) - D(4h)| more), if the widening is earned."
        : "Else, within the allowance widened by the error the samples at ±2h show (s·|D(h) - D(2h)| more), if the widening is earned.";

    protected override ElementOutcome? Decide(ElementCase c)
    {
        if (c.Refuted)
        {
            return null; // the ladder measured the error these allowances only estimate
        }

        double allowance = fourSteps ? c.FourStepAllowance : c.TruncationAllowance;
        return c.Error <= allowance ? WideningMustBeEarned.Verdict(c, allowance) : null;
    }
}
