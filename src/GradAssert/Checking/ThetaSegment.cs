using GradAssert.Tensors;

namespace GradAssert;

/// <summary>
/// A named part of a flat parameter vector θ, for the function form: with segments, the report has one row per part
/// (W1, b1, W2, …) with indices in the part's own shape, instead of one row for all of θ.
/// </summary>
/// <param name="Name">The part's name, such as <c>W1</c>.</param>
/// <param name="Shape">The part's shape; its elements are taken from θ in order, row-major.</param>
public sealed record ThetaSegment(string Name, params int[] Shape)
{
    /// <summary>The number of elements of θ this part covers.</summary>
    public int Length => ShapeMath.CheckedLength(Shape, nameof(Shape));
}
