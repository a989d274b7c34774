using System.Numerics;

namespace GradAssert.Corpus.Tests.Corpus;

/// <summary>One corpus case: a layer, the input to check it on, and what the case is expected to show.</summary>
/// <param name="Layer">The layer to check.</param>
/// <param name="Input">The input to check it on.</param>
/// <param name="PlantedKinks">Input elements deliberately placed within 1e-6 of a kink.</param>
/// <param name="CanShow">For a planted bug: whether this case's shapes and values let the bug change a gradient.</param>
/// <param name="Expected">For a planted bug: the tensors whose gradient it makes wrong (the only ones allowed to fail).</param>
/// <param name="Blame">For a planted bug in a model: the one layer the report must blame.</param>
internal sealed record Scenario<T>(
    ILayer<T> Layer, Tensor<T> Input, int PlantedKinks = 0, bool CanShow = true, IReadOnlyList<string>? Expected = null, string? Blame = null)
    where T : unmanaged, IFloatingPointIeee754<T>;
