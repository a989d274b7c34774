namespace GradAssert.Engine.Judging;

/// <summary>The course's rule has no tolerance per element: each is kept, and its tensor's normalized difference is judged.</summary>
internal sealed class JudgedPerTensor : FirstOpinion
{
    public override string Rule => "Elements have no tolerance of their own: the tensor's normalized difference decides.";

    protected override ElementOutcome? Decide(ElementCase c) => c.Verdict(ElementStatus.Passed, double.NaN);
}
