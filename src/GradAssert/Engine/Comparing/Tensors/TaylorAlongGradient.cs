using System.Numerics;
using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// The second opinion on a passing tensor whose worst element was near its tolerance: the Taylor test along its whole
/// gradient, where a gradient scaled by 1 + δ shows best (every element adds to it). A first-order remainder fails the
/// row. Not across kinks: moved along its whole gradient, a tensor with elements at kinks (max-pool ties, ReLU at 0)
/// bends at θ on both sides, which reads as first order on correct code; nor across ties, though the tie opinion
/// verified them and they no longer count as kinks (a max-pool's equal maxima).
/// </summary>
internal sealed class TaylorAlongGradient : TensorOpinion
{
    public override string Rule =>
        "A passing tensor whose worst element is near its tolerance, with no element at a kink or in a tie, is tested along its whole gradient: a first-order Taylor remainder fails it.";

    public override TensorCheck Judge<T>(TensorCase<T> c, TensorCheck row, ElementOutcomes? compared)
    {
        bool asked = row.Taylor is null && row.Checked > 0 && row.Passed && c.Plan.TensorSecondOpinion && c.Analytic.Length > 1
            && row.ErrorToTolerance >= TaylorSecondOpinion.Near && row.Kinks == 0 && row.Ties is null;
        return asked && TensorTaylor<T>.Gradient(c.Analytic, compared?.Spend(c.Analytic.Length)) is { } along
            ? c.Taylor.Test(row, c, along, "its gradient")
            : row;
    }
}
