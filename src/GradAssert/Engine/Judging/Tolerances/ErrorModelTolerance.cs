using System.Globalization;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>
/// The error model: an element fails only when |g−n| exceeds <see cref="SafetyFactor"/> times the numerical derivative's
/// own error, estimated from the evidence, which is asked for only as far as the element needs it; kinks are left out.
/// Its opinions, in the order they are asked, are listed in <see cref="Opinions.ErrorModel"/>.
/// </summary>
/// <param name="SafetyFactor">How many times its error estimate a mismatch may be.</param>
internal sealed record ErrorModelTolerance(double SafetyFactor) : Tolerance
{
    public const double DefaultSafetyFactor = 10;

    internal override ElementJudge Judge(bool secondOpinion) => new(Opinions.ErrorModel(secondOpinion), SafetyFactor);

    internal override bool ReviewsAlongGradient => true;

    internal override bool EstimatesItsOwnError => true;

    internal override string PassedWithin(string ratio) => $"every element is within the error model's estimate of its finite-difference error (err/tol at most {ratio})";

    internal override double TaylorSafetyFactor => SafetyFactor;

    internal override bool IsWrong(in ElementOutcome element, in TensorNorms norms) =>
        element.Status is ElementStatus.Failed or ElementStatus.Unverifiable;

    internal override bool TensorPasses(in TensorNorms norms, int wrongElements) => wrongElements == 0 && !double.IsNaN(norms.Difference);

    public override string ToString() => SafetyFactor == DefaultSafetyFactor
        ? "error model"
        : string.Create(CultureInfo.InvariantCulture, $"error model ×{SafetyFactor:G3}");
}
