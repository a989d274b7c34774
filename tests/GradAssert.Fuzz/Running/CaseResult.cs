namespace GradAssert.Fuzz.Running;

/// <summary>One case run: what it was, how it behaved, and what the check said.</summary>
/// <param name="Key">What replays it.</param>
/// <param name="Classes">The issue-22 classes its kind probes, the one it is listed under first.</param>
/// <param name="Outcome">How it behaved.</param>
/// <param name="Check">What the check said; null for an excluded case (not checked).</param>
/// <param name="BrokenTensors">For a broken variant, the tensors whose gradient its bug changes in this case.</param>
/// <param name="Milliseconds">How long the check took.</param>
internal sealed record CaseResult(
    CaseKey Key, IReadOnlyList<IssueClass> Classes, CaseOutcome Outcome, CheckResult? Check, IReadOnlyList<string> BrokenTensors, double Milliseconds)
{
    /// <summary>True for the correct variant.</summary>
    public bool Correct => Key.Variant == FuzzKind<double>.Correct;
}
