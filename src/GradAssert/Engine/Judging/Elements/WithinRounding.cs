namespace GradAssert.Engine.Judging;

/// <summary>
/// The first opinion, from the two evaluations at ±h alone: |g − n| within s times the rounding of both derivatives.
/// Most elements pass here.
/// </summary>
internal sealed class WithinRounding : FirstOpinion
{
    public override string Rule =>
        "Within rounding: |g - n| is within s times the rounding of both derivatives (n's from the outputs that moved at ±h, g's from the tensor's gradient scale), and that allowance is at most 1% of the derivative or of the tensor's typical gradient, so that the pass rules out an error worth catching. Most elements pass here, on two forward passes.";

    protected override ElementOutcome? Decide(ElementCase c) =>
        c.Error <= c.RoundingAllowance && c.Resolves(c.RoundingAllowance) ? c.Verdict(ElementStatus.Passed, c.RoundingAllowance) : null;
}
