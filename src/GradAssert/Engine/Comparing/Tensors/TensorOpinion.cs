using System.Numerics;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// One rule of the judgement of a tensor's row once its elements (or directions) are judged, in the ordered list of
/// <see cref="TensorOpinions"/>: it reads the row so far and leaves the row after it, a new one when it has something to add.
/// </summary>
internal abstract class TensorOpinion
{
    /// <summary>The rule in words, as "What a pass covers" lists it.</summary>
    public abstract string Rule { get; }

    /// <summary>The row after this opinion.</summary>
    /// <param name="compared">The compared elements' outcomes, already folded into <paramref name="row"/>; null for a directional row.</param>
    public abstract TensorCheck Judge<T>(TensorCase<T> c, TensorCheck row, ElementOutcomes? compared)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
