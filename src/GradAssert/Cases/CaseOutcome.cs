namespace GradAssert.Cases;

/// <summary>One case run once: the case with its draws, and what it threw.</summary>
internal sealed class CaseOutcome
{
    public CaseOutcome(GradientCase @case, Exception? error)
    {
        Case = @case;
        Error = error;
        Kind = error switch
        {
            null => FailureKind.None,
            GradientCheckException => FailureKind.Gradient,
            LayerContractException => FailureKind.Contract,
            _ => FailureKind.Error,
        };
    }

    public GradientCase Case { get; }

    public Exception? Error { get; }

    public FailureKind Kind { get; }

    public bool Failed => Kind != FailureKind.None;

    /// <summary>True when this outcome fails as <paramref name="other"/> did: same kind and, for errors, the same exception type.</summary>
    public bool FailsLike(CaseOutcome other) =>
        Failed && Kind == other.Kind && (Kind != FailureKind.Error || Error!.GetType() == other.Error!.GetType());
}
