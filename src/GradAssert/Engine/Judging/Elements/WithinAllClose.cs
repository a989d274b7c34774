namespace GradAssert.Engine.Judging;

/// <summary>numpy's allclose: an element passes when |g−n| ≤ atol + rtol·|n|, on the samples at ±h alone; no kinks.</summary>
internal sealed class WithinAllClose(double absolute, double relative) : FirstOpinion
{
    public override string Rule => "An element passes when |g - n| <= atol + rtol·|n|, and fails otherwise.";

    protected override ElementOutcome? Decide(ElementCase c)
    {
        double allowed = absolute + (relative * Math.Abs(c.Numerical));
        return c.Verdict(c.Error <= allowed ? ElementStatus.Passed : ElementStatus.Failed, allowed);
    }
}
