using System.Numerics;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Comparing;

/// <summary>One tensor's comparison: its plan, the tensor, and the scales its rounding is judged by.</summary>
/// <param name="Plan">What checks the row.</param>
/// <param name="Taylor">The Taylor test of the whole tensor, for the opinions that ask for it.</param>
/// <param name="Tensor">The tensor's name in the report.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="Analytic">The analytic gradient, row-major.</param>
/// <param name="Copies">The tensor in the layer under check first; then, for parallel checks, in independent clones.</param>
/// <param name="Scale">The largest |g|: the scale of the analytic gradient's own rounding.</param>
/// <param name="ValueScale">The largest |value| of the tensor.</param>
internal sealed record TensorCase<T>(
    RowPlan Plan, TensorTaylor<T> Taylor, string Tensor, IReadOnlyList<int> Shape, T[] Analytic, IReadOnlyList<Evaluator<T>> Copies, double Scale, double ValueScale)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The root mean square of the analytic gradient.</summary>
    public double Typical { get; init; }

    /// <summary>The tensor's ties, for the opinion that measures them; null for a directional row.</summary>
    public TiedElements<T>? Ties { get; init; }

    /// <summary>Folds element outcomes (revised ones too) into the row, as the comparison first did.</summary>
    public Func<ElementOutcomes, TensorCheck>? Fold { get; init; }
}
