namespace GradAssert.Fuzz.Running;

/// <summary>How one case behaved.</summary>
internal enum CaseOutcome
{
    /// <summary>A correct variant passed: as expected.</summary>
    Passed,

    /// <summary>A broken variant failed on a tensor its bug changes: as expected.</summary>
    Caught,

    /// <summary>A broken variant whose bug changes no gradient for the drawn case: left out of every count but its own.</summary>
    Excluded,

    /// <summary>A correct variant failed, or the check threw (a contract exception or any other).</summary>
    FalseAlarm,

    /// <summary>A broken variant passed.</summary>
    Missed,

    /// <summary>A broken variant failed, but only on tensors its bug does not change (or on no row at all).</summary>
    WrongTensor,

    /// <summary>A broken variant's check threw a <see cref="LayerContractException"/>.</summary>
    Contract,

    /// <summary>A broken variant's check threw some other exception.</summary>
    Error,
}

/// <summary>Words for <see cref="CaseOutcome"/>.</summary>
internal static class CaseOutcomes
{
    /// <summary>True for the outcomes a case is expected to have: passed, caught, or excluded.</summary>
    public static bool Behaved(this CaseOutcome outcome) => outcome is CaseOutcome.Passed or CaseOutcome.Caught or CaseOutcome.Excluded;

    /// <summary>The outcome as one word: <c>false-alarm</c>, <c>missed</c>, <c>wrong-tensor</c> …</summary>
    public static string Label(this CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "passed",
        CaseOutcome.Caught => "caught",
        CaseOutcome.Excluded => "excluded",
        CaseOutcome.FalseAlarm => "false-alarm",
        CaseOutcome.Missed => "missed",
        CaseOutcome.WrongTensor => "wrong-tensor",
        CaseOutcome.Contract => "contract",
        CaseOutcome.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
