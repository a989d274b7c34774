using System.Numerics;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Running;

/// <summary>One layer check: which layer, on what input, under which label and scope, and from which random stream.</summary>
/// <param name="Layer">The layer as the engine calls it.</param>
/// <param name="Input">A private copy the check may perturb; never the caller's tensor.</param>
/// <param name="Label">The layer's label in the report.</param>
/// <param name="Scope">End to end, or the layer alone.</param>
/// <param name="Rng">The source of the upstream gradient, directions and samples.</param>
internal sealed record LayerUnderCheck<T>(ILayer<T> Layer, Tensor<T> Input, string Label, CheckScope Scope, Rng Rng)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A fixed upstream gradient (the function form's 1), or null to draw one.</summary>
    public Tensor<T>? Upstream { get; init; }

    /// <summary>Records the sub-layer calls of a composite; its parameters' rows then name their sub-layer. Null: no recording.</summary>
    public CompositeScope<T>? Composite { get; init; }
}
