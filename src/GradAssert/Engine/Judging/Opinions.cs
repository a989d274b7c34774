namespace GradAssert.Engine.Judging;

/// <summary>
/// What decides pass or fail for one element (or direction), in order, for each tolerance. The element's verdict is the
/// one the last opinion leaves; the tensor's and the report's follow from their elements (<see cref="Tolerance"/>) and
/// the opinions of the comparison and the report.
/// </summary>
internal static class Opinions
{
    /// <summary>The error model: allowances from the evidence, kinks left out, a widening earned, a Taylor test near the line.</summary>
    /// <param name="secondOpinion">Whether a verdict near its tolerance gets the Taylor test.</param>
    public static ElementOpinion[] ErrorModel(bool secondOpinion) =>
    [
        new WithinRounding(),
        new WithinLadder(descending: true),
        new KinkWhereSlopesJump(),
        new KinkWithinOutputSlopes(),
        new WithinLadder(descending: false),
        new WithinTruncation(fourSteps: false),
        new WithinTruncation(fourSteps: true),
        new WithinResolution(),
        new KinkWhereSlopesChange(),
        new KinkBesideTheElement(),
        new BeyondEveryAllowance(),
        .. secondOpinion ? [new TaylorSecondOpinion()] : Array.Empty<ElementOpinion>(),
    ];

    /// <summary>numpy's allclose, element by element.</summary>
    public static ElementOpinion[] AllClose(AllCloseTolerance tolerance) => [new WithinAllClose(tolerance)];

    /// <summary>The course's rule: the tensor decides.</summary>
    public static ElementOpinion[] NormalizedDifference() => [new JudgedPerTensor()];
}
