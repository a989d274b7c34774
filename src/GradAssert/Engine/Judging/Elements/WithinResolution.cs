namespace GradAssert.Engine.Judging;

/// <summary>
/// An element within the allowance of the resolution of every output it influences, moved at ±h or not (a saturated
/// sigmoid, a softmax probability of 1 carry rounding all the same): it passes if that widening is earned.
/// </summary>
internal sealed class WithinResolution : FirstOpinion
{
    public override string Rule =>
        "Else, within the rounding of every output the element influences, found with larger steps, moved at ±h or not (a saturated sigmoid), if the widening is earned.";

    protected override ElementOutcome? Decide(ElementCase c) =>
        !c.Refuted && c.Error <= c.ResolutionAllowance ? WideningMustBeEarned.Verdict(c, c.ResolutionAllowance) : null;
}
