namespace GradAssert.Engine.Evidence;

/// <summary>Which tensor of a carried layer an exact derivative is taken with respect to: an input or a parameter.</summary>
/// <param name="IsInput">True for an input (by its position), false for a parameter (by its position in the layer's list).</param>
/// <param name="Index">The position.</param>
internal readonly record struct DualTensor(bool IsInput, int Index)
{
    /// <summary>The input at <paramref name="index"/>.</summary>
    public static DualTensor Input(int index) => new(true, index);

    /// <summary>The parameter at <paramref name="index"/> of the layer's list.</summary>
    public static DualTensor Parameter(int index) => new(false, index);
}
