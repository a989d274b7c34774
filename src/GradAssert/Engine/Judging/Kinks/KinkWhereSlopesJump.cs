namespace GradAssert.Engine.Judging;

/// <summary>
/// A kink (ReLU at 0, a max-pool tie): the one-sided slopes from ±h and ±2h jump, by more than rounding and 1% of the
/// larger, and g matches one of them. The element is left out of the verdict and counted; the samples it rests on must
/// repeat bit for bit, since a sample that differs from call to call also makes slopes jump.
/// </summary>
internal sealed class KinkWhereSlopesJump : FirstOpinion
{
    public override string Rule =>
        "Else, a kink: the one-sided slopes from ±h and ±2h jump (by more than rounding and 1% of the larger), still jump by a quarter as much at h/8 (or half at h/4 where float's rounding hides h/8: curvature's jump falls with the step), and g matches one of the slopes at h or closer in. The element is left out and counted (`20+2k`), once the samples repeat bit for bit.";

    protected override ElementOutcome? Decide(ElementCase c)
    {
        if (c.Refuted)
        {
            return null; // the ladder found the function smooth below h, and g wrong there
        }

        if (!c.Slopes.Jump || !c.JumpPersists() || !c.MatchesOneSide())
        {
            return null;
        }

        c.Evidence.RequireRepeatableSamples(withFourSteps: false);
        return c.Verdict(ElementStatus.Kink, c.RoundingAllowance);
    }
}
