namespace GradAssert.Engine.Judging;

/// <summary>
/// For an element every allowance and every kink at the element failed: a kink beside it (a near tie in overlapping
/// pooling windows, a fraction of h away) bends the differences at h on its side only, and on the other side the
/// slopes at h to 16h agree on the derivative (<see cref="ElementCase.BesideKink"/>). Within s times their error, when
/// that resolves an error worth catching, the element passes; this opinion never fails one.
/// </summary>
internal sealed class KinkBesideTheElement : FirstOpinion
{
    public override string Rule =>
        "Else, a kink beside the element: the slopes change at h but not closer in, on one side (J(±t) - J(0))/(±t) at t = h to 16h agree, and the central differences at ±h/4 and ±h/8 agree with them; g within s times their spread, resolving 1%, passes.";

    protected override ElementOutcome? Decide(ElementCase c) =>
        c.Refuted && c.TruncationShows ? null : c.PassBesideKink(); // a descending ladder that refuted g found the function smooth below h
}
