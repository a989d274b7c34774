using GradAssert.Tensors;

namespace GradAssert.Engine.Evidence;

/// <summary>Which tensor of which layer a comparison perturbs, for the messages that name an element of it.</summary>
/// <param name="Layer">The layer's label.</param>
/// <param name="Tensor">The tensor's name (a parameter's, or <c>input</c>).</param>
/// <param name="Shape">The tensor's shape.</param>
internal sealed record TensorLabel(string Layer, string Tensor, IReadOnlyList<int> Shape)
{
    /// <summary>The element at <paramref name="offset"/>, as messages print it: <c>W[1,2]</c>.</summary>
    public string Element(int offset) => Tensor + ShapeMath.Format(ShapeMath.Unravel(Shape, offset));
}
