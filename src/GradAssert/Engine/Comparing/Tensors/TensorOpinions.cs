using System.Numerics;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// What decides a tensor's row, in order, once the tolerance has judged its elements (or directions) and folded them
/// into the row (a row passes when no element is wrong or unverifiable; under the course's rule, when its normalized
/// difference is below the threshold).
/// </summary>
internal static class TensorOpinions
{
    /// <summary>The tensor opinions, in the order they are asked.</summary>
    public static IReadOnlyList<TensorOpinion> All { get; } = [new TiesJudgedTogether(), new TaylorAlongGradient(), new TaylorAlongError()];

    /// <summary>The row after every tensor opinion.</summary>
    /// <param name="compared">The compared elements' outcomes, already folded into <paramref name="row"/>; null for a directional row.</param>
    public static TensorCheck Judge<T>(TensorCase<T> c, TensorCheck row, ElementOutcomes? compared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var opinion in All)
        {
            row = opinion.Judge(c, row, compared);
        }

        return row;
    }
}
