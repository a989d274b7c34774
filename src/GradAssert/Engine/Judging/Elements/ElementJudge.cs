using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>
/// Judges an element (or a direction) by an ordered list of opinions (<see cref="Opinions"/>): each reads the verdict
/// so far and leaves its own, and the last one's is the element's. An opinion's verdict counts only when all the
/// evidence the opinions asked for was given; otherwise the element is undecided here, and the source says why
/// (<see cref="DerivativeEvidence.Missing"/>).
/// </summary>
internal sealed class ElementJudge
{
    private readonly ElementOpinion[] _opinions;
    private readonly double _safetyFactor;

    /// <param name="opinions">The opinions, in the order they are asked.</param>
    /// <param name="safetyFactor">How many times its error estimate a mismatch may be, for the opinions that estimate one.</param>
    public ElementJudge(ElementOpinion[] opinions, double safetyFactor)
    {
        _opinions = opinions;
        _safetyFactor = safetyFactor;
    }

    /// <summary>The opinions, in the order they are asked.</summary>
    public IReadOnlyList<ElementOpinion> Opinions => _opinions;

    /// <summary>
    /// Whether the element's one-sided slopes differ beyond rounding, and still do closer in: a kink or tie at the
    /// element itself, not curvature. Asked of an element that failed alone but may sit in a tie.
    /// </summary>
    public bool AtPersistentKink(DerivativeEvidence evidence)
    {
        var c = new ElementCase(evidence, _safetyFactor);
        return (c.Slopes.Jump || c.Slopes.Change) && c.JumpPersists();
    }

    /// <summary>The verdict on <paramref name="evidence"/>, or null when an opinion needed evidence its source did not give.</summary>
    public ElementOutcome? Judge(DerivativeEvidence evidence)
    {
        var c = new ElementCase(evidence, _safetyFactor);
        ElementOutcome? verdict = null;
        foreach (var opinion in _opinions)
        {
            verdict = opinion.Judge(c, verdict);
            if (evidence.Missing != Missing.None)
            {
                return null;
            }
        }

        return verdict ?? throw new InvalidOperationException("The last opinion of every list decides; this list left the element undecided.");
    }

    /// <summary>The verdict on evidence from a source that gives everything asked of it (finite differences of the element alone).</summary>
    public ElementOutcome JudgeAlone(DerivativeEvidence evidence) =>
        Judge(evidence) ?? throw new InvalidOperationException($"The evidence of an element alone was missing ({evidence.Missing}).");
}
