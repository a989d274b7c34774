namespace GradAssert.Engine.Judging;

/// <summary>
/// A tie in several pooling windows at once (overlapping max-pool over a ReLU's zeros): the slopes jump, and g is a sum
/// over some of the tied outputs, a valid subgradient that neither one-sided slope of J shows but each output's own
/// slopes bound (<see cref="ElementCase.WithinOutputSlopes"/>).
/// </summary>
internal sealed class KinkWithinOutputSlopes : FirstOpinion
{
    public override string Rule =>
        "Else, a kink at a tie across outputs (overlapping max-pool windows): the slopes jump, still closer in (as for a kink), and g lies within what each output's own one-sided slopes allow.";

    protected override ElementOutcome? Decide(ElementCase c)
    {
        if (c.Refuted)
        {
            return null; // the ladder found the function smooth below h, and g wrong there
        }

        if (!c.Slopes.Jump || !c.JumpPersists() || !c.WithinOutputSlopes())
        {
            return null;
        }

        c.Evidence.RequireRepeatableSamples(withFourSteps: false);
        return c.Verdict(ElementStatus.Kink, c.RoundingAllowance);
    }
}
