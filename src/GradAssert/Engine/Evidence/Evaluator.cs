using System.Numerics;

namespace GradAssert.Engine.Evidence;

/// <summary>One copy of a tensor under check: the storage to perturb and how to recompute the output from it.</summary>
/// <param name="Data">The live storage of the tensor in this copy.</param>
/// <param name="Evaluate">Runs the forward pass that depends on <paramref name="Data"/>.</param>
internal sealed record Evaluator<T>(T[] Data, Func<Tensor<T>> Evaluate) where T : unmanaged, IFloatingPointIeee754<T>;
