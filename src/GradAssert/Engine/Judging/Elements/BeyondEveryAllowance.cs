namespace GradAssert.Engine.Judging;

/// <summary>An element that no allowance and no kink explains: the backward pass is wrong there.</summary>
internal sealed class BeyondEveryAllowance : FirstOpinion
{
    public override string Rule =>
        "Else the element fails: the backward pass is wrong there.";

    protected override ElementOutcome? Decide(ElementCase c) => c.Refuted
        ? new ElementOutcome(c.Analytic, c.Ladder.Estimate, c.RefutedWithin, ElementStatus.Failed)
        : c.Verdict(ElementStatus.Failed, c.ResolutionAllowance);
}
