namespace GradAssert.Engine.Judging;

/// <summary>numpy's allclose: an element passes when |g−n| ≤ atol + rtol·|n|, on the samples at ±h alone; no kinks.</summary>
internal sealed class WithinAllClose(AllCloseTolerance tolerance) : FirstOpinion
{
    public override string Rule => "An element passes when |g - n| <= atol + rtol·|n|, and fails otherwise.";

    protected override ElementOutcome? Decide(ElementCase c)
    {
        double allowed = tolerance.Allowed(c.Numerical);
        return c.Verdict(c.Error <= allowed ? ElementStatus.Passed : ElementStatus.Failed, allowed);
    }
}
