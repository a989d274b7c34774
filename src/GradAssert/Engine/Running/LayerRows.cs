namespace GradAssert.Engine.Running;

/// <summary>What one layer check gave: its rows, and the shape of the layer's unperturbed output.</summary>
/// <param name="Rows">The rows, in the order compared.</param>
/// <param name="Output">The unperturbed output's shape.</param>
internal sealed record LayerRows(IReadOnlyList<TensorCheck> Rows, IReadOnlyList<int> Output);
