using System.Numerics;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// Elements at a kink that are tied (exactly equal values elsewhere in the tensor) are judged together, along the
/// tie's common direction (see <see cref="TiedElements{T}"/>); the row is folded again from the revised elements.
/// </summary>
internal sealed class TiesJudgedTogether : TensorOpinion
{
    public override string Rule =>
        "Elements left out as kinks, or failed alone where the point is not differentiable (their slopes jump, or the derivative along the tie is not the sum of theirs: a median of equal values), whose value others share exactly (a tie: a max-pool's equal maxima, a sort's equal keys) are moved together, where the function is smooth again: their gradients summed must match the derivative along the tie. A tie that matches makes its kinks verified elements; one that does not fails them (the `x == max` mask gives every tied maximum the full gradient).";

    public override TensorCheck Judge<T>(TensorCase<T> c, TensorCheck row, ElementOutcomes? compared)
    {
        if (compared is null || row.Kinks + row.Failed + row.Unverifiable == 0 || c.Ties is null || c.Fold is null)
        {
            return row;
        }

        var ties = c.Ties.Revise(c.Analytic, compared, c.Scale, c.ValueScale);
        return ties == TieReading.None ? row : c.Fold(compared).WithTies(ties);
    }
}
