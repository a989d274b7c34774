using System.Numerics;
using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// A failing tensor compared element by element is tested along its error g − n, for the plot and the order its
/// remainder falls with; the test does not decide (the row has already failed).
/// </summary>
internal sealed class TaylorAlongError : TensorOpinion
{
    public override string Rule => "A failing tensor is tested along its error g - n, for the chart and the order; this does not change its verdict.";

    public override TensorCheck Judge<T>(TensorCase<T> c, TensorCheck row, ElementOutcomes? compared)
    {
        bool asked = row.Taylor is null && row.Checked > 0 && c.Analytic.Length > 0 && !row.Passed && compared is not null;
        return asked && Error(c.Analytic.Length, compared!) is { } along ? c.Taylor.Test(row, c, along, "its error g - n") : row;
    }

    /// <summary>
    /// g − n over the compared elements (0 elsewhere), scaled by its largest entry, or null when it is zero. For a
    /// tensor compared in full it is written over the numerical derivatives, each element's over its own.
    /// </summary>
    private static double[]? Error(int length, ElementOutcomes outcomes)
    {
        var error = outcomes.Spend(length) ?? new double[length];
        for (int k = 0; k < outcomes.Count; k++)
        {
            var o = outcomes.Judged(k);
            error[outcomes.Offset(k)] = o.Status == ElementStatus.Kink || !double.IsFinite(o.Analytic - o.Numerical) ? 0 : o.Analytic - o.Numerical;
        }

        double largest = error.Max(Math.Abs);
        if (!(largest > 0))
        {
            return null;
        }

        for (int i = 0; i < error.Length; i++)
        {
            error[i] /= largest;
        }

        return error;
    }
}
