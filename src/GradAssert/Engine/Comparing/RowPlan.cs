using GradAssert.Engine.Evidence;
using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// What checks one row (a layer's tensor in one scope), decided once by the check's plan before the row is compared;
/// the comparison follows it and decides nothing of it again.
/// </summary>
/// <param name="Strategy">How the tensor is compared first.</param>
/// <param name="Directions">How many random directions a directional or Taylor comparison takes.</param>
/// <param name="SampleSize">How many elements an element-wise comparison takes, or null for every element.</param>
/// <param name="Grouping">Whether elements that move disjoint outputs take their first opinion together.</param>
/// <param name="Stepping">The step rule, stencil and cancellation of the row's finite differences.</param>
/// <param name="Tolerance">The rule the row is judged by.</param>
/// <param name="Judge">The judge of its elements and directions: the tolerance's opinions, with a Taylor second opinion or not.</param>
/// <param name="TensorSecondOpinion">Whether a passing row near its tolerance is tested along its gradient.</param>
/// <param name="Progress">Where the row reports how far it is, or null.</param>
/// <param name="ElementsWhereDirectionsAreBlind">
/// Whether a directional row that passed is compared element by element all the same when its directions could not
/// have seen one element off by 1% (float noise over a large tensor): true where no element-wise row covers it.
/// </param>
internal sealed record RowPlan(
    RowStrategy Strategy,
    int Directions,
    int? SampleSize,
    bool Grouping,
    Stepping Stepping,
    Tolerance Tolerance,
    ElementJudge Judge,
    bool TensorSecondOpinion,
    IProgress<CheckProgress>? Progress,
    bool ElementsWhereDirectionsAreBlind = false);
