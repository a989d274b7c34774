using System.Numerics;

namespace GradAssert.Engine.Comparing;

/// <summary>One tensor's element-wise comparison: what is compared, and where each outcome lands.</summary>
/// <param name="Tensor">The tensor's name in the report.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="Analytic">The analytic gradient, row-major.</param>
/// <param name="Scale">The tensor's largest |g|: the scale of the analytic gradient's own rounding.</param>
/// <param name="ValueScale">The tensor's largest |value|.</param>
/// <param name="Indices">The elements compared, in increasing order.</param>
internal sealed record ElementJob<T>(string Tensor, IReadOnlyList<int> Shape, T[] Analytic, double Scale, double ValueScale, ElementIndices Indices)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The root mean square of the analytic gradient.</summary>
    public double Typical { get; init; }

    /// <summary>The outcome of <c>Indices[k]</c> at position k.</summary>
    public ElementOutcomes Outcomes { get; } = new ElementOutcomes(Indices, i => double.CreateTruncating(Analytic[i]));
}
