using System.Globalization;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>numpy's allclose: an element passes when |g−n| ≤ atol + rtol·|n|. No further evidence, no kinks.</summary>
/// <param name="Absolute">atol.</param>
/// <param name="Relative">rtol.</param>
internal sealed record AllCloseTolerance(double Absolute, double Relative) : Tolerance
{
    internal override ElementJudge Judge(bool secondOpinion) => new(Opinions.AllClose(this), safetyFactor: 1);

    /// <summary>atol + rtol·|<paramref name="reference"/>|: how far g may be from the reference value it is compared with.</summary>
    internal double Allowed(double reference) => Absolute + (Relative * Math.Abs(reference));

    internal override bool IsWrong(in ElementOutcome element, in TensorNorms norms) => element.Status == ElementStatus.Failed;

    internal override bool TensorPasses(in TensorNorms norms, int wrongElements) => wrongElements == 0 && !double.IsNaN(norms.Difference);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"|g-n| <= {Absolute:G3} + {Relative:G3}*|n|");
}
