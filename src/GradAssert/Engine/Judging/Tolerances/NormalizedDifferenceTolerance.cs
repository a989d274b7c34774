using System.Globalization;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>
/// The course's rule, judged per tensor and overall: ‖g−n‖/(‖g‖+‖n‖) below <see cref="Threshold"/>. Elements have no
/// tolerance of their own; in a failing tensor, an element counts as wrong when its error alone exceeds its even share
/// of the tensor's allowance, t·(‖g‖+‖n‖)/√m over m elements. Errors all within their share cannot fail the tensor, so
/// a failing tensor always names at least one element, and only the elements that carry the failure.
/// </summary>
/// <param name="Threshold">The largest passing normalized difference.</param>
internal sealed record NormalizedDifferenceTolerance(double Threshold) : Tolerance
{
    internal override ElementJudge Judge(bool secondOpinion) => new(Opinions.NormalizedDifference(), safetyFactor: 1);

    internal override bool IsWrong(in ElementOutcome element, in TensorNorms norms)
    {
        if (Passes(norms.Difference))
        {
            return false;
        }

        double share = Threshold * (norms.Analytic + norms.Numerical) / Math.Sqrt(Math.Max(1, norms.Compared));
        return !(Math.Abs(element.Analytic - element.Numerical) <= share);
    }

    internal override bool TensorPasses(in TensorNorms norms, int wrongElements) => Passes(norms.Difference);

    internal override double ErrorToTolerance(in ElementOutcome worst, in TensorNorms norms) => norms.Difference / Threshold;

    internal override bool ReportPasses(double difference) => Passes(difference);

    internal override bool BandsApplyIn(string precision) => true;

    internal override double OverallErrorToTolerance(double difference) => difference / Threshold;

    internal override bool JudgesWholeTensors => true;

    internal override string WholeTensorFailure => string.Create(CultureInfo.InvariantCulture, $"WRONG: over {Threshold:G3}");

    internal override string PassedWithin(string ratio) => $"the difference of every tensor is within your threshold, {this} (err/tol at most {ratio})";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"normalized difference < {Threshold:G3}");

    private bool Passes(double difference) => difference < Threshold;
}
