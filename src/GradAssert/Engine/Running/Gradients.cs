using System.Numerics;

namespace GradAssert.Engine.Running;

/// <summary>What one Backward call gave, copied so the layer cannot change it later.</summary>
/// <param name="Parameters">dL/dθ per parameter, in the layer's parameter order.</param>
/// <param name="Input">dL/dx, or null when the layer says its input is not differentiable.</param>
internal sealed record Gradients<T>(T[][] Parameters, Tensor<T>? Input) where T : unmanaged, IFloatingPointIeee754<T>;
