namespace GradAssert.Fuzz.Running;

/// <summary>Judges one check against what its variant should get.</summary>
internal static class Classifier
{
    /// <summary>
    /// A correct variant must pass: a failure or any exception is a false alarm. A broken variant must fail on a
    /// tensor its bug changes (<paramref name="brokenTensors"/>): a pass is a missed bug, failing only other tensors is
    /// a wrong tensor, a <see cref="LayerContractException"/> and other exceptions are counted apart.
    /// </summary>
    /// <param name="broken">Whether the variant is broken.</param>
    /// <param name="result">What the check said.</param>
    /// <param name="brokenTensors">For a broken variant, the names of the tensors whose gradient its bug changes.</param>
    public static CaseOutcome Classify(bool broken, CheckResult result, IReadOnlyCollection<string> brokenTensors)
    {
        if (!broken)
        {
            return result.Error is null && result.Passed ? CaseOutcome.Passed : CaseOutcome.FalseAlarm;
        }

        if (result.Error is not null)
        {
            return result.IsContract ? CaseOutcome.Contract : CaseOutcome.Error;
        }

        if (result.Passed)
        {
            return CaseOutcome.Missed;
        }

        return result.FailingTensors.Any(brokenTensors.Contains) ? CaseOutcome.Caught : CaseOutcome.WrongTensor;
    }
}
