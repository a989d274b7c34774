namespace GradAssert.Engine.Judging;

/// <summary>
/// A kink (ReLU at 0, a max-pool tie): the one-sided slopes from ±h and ±2h jump, by more than rounding and 1% of the
/// larger, and g matches one of them. The element is left out of the verdict and counted; the samples it rests on must
/// repeat bit for bit, since a sample that differs from call to call also makes slopes jump.
/// </summary>
internal sealed class KinkWhereSlopesJump : FirstOpinion
{
    public override string Rule =>
        "Else, a kink: the one-sided slopes from ±h and ±2h jump (by more than rounding and 1% of the larger), still jump by half as much at h/8 (curvature's jump falls with the step), and g matches one of them. The element is left out and counted (`20+2k`), once the samples repeat bit for bit.";

    protected override ElementOutcome? Decide(ElementCase c)
    {
        if (c.Refuted)
        {
            return null; // the ladder found the function smooth below h, and g wrong there
        }

        var slopes = c.Slopes;
        double g = c.Analytic;
        bool matchesOneSide = Math.Min(Math.Abs(g - slopes.Right), Math.Abs(g - slopes.Left)) <= slopes.Slack + (Math.Sqrt(c.Evidence.Eps) * Math.Abs(g));
        if (!slopes.Jump || !matchesOneSide || !c.JumpPersists())
        {
            return null;
        }

        c.Evidence.RequireRepeatableSamples(withFourSteps: false);
        return c.Verdict(ElementStatus.Kink, c.RoundingAllowance);
    }
}
