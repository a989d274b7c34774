namespace GradAssert.Engine.Judging;

/// <summary>
/// For an element every allowance failed: a slope change too small to call a kink up front (a minor pooling window's
/// share) is one if the derivative closer in agrees with g, or, for a tie at the element itself, if each output's own
/// slopes allow g. A wrong analytic value does neither.
/// </summary>
internal sealed class KinkWhereSlopesChange : FirstOpinion
{
    public override string Rule =>
        "Else, a kink after all: the slopes change beyond rounding, and g agrees with the derivative closer in (±h/64, ±h/4096, within an allowance that resolves 1%) or, where the change persists closer in (as for a kink), lies within each output's slopes.";

    protected override ElementOutcome? Decide(ElementCase c)
    {
        if (c.Refuted && c.TruncationShows)
        {
            return null; // the descending ladder found the function smooth below h, and g wrong there
        }

        // A refutation by the climbing ladder does not stand against a kink at the element itself: there every step
        // reads the mean of the two slopes, which no one-sided derivative equals.
        // A derivative closer in that agrees with g settles a kink between h/8 and h as well (an end-to-end weight
        // moving many ReLUs); each output's slopes count only for a jump that persists.
        if (!c.Slopes.Change || !(c.AgreesCloserIn() || (c.JumpPersists() && c.WithinOutputSlopes())))
        {
            return null;
        }

        c.Evidence.RequireRepeatableSamples(withFourSteps: false);
        return c.Verdict(ElementStatus.Kink, c.ResolutionAllowance);
    }
}
