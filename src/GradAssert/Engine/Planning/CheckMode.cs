namespace GradAssert;

/// <summary>How each tensor's gradient is compared with finite differences.</summary>
public enum CheckMode
{
    /// <summary>
    /// The default. Element-wise for a single layer and for each layer of a <see cref="Sequential{T}"/> on its own (which is
    /// where blame comes from); the end-to-end rows of a <see cref="Sequential{T}"/> use random directions, and a tensor
    /// that fails there is drilled down element by element. Every element is still checked once, locally.
    /// </summary>
    Auto,

    /// <summary>Element-wise everywhere, end-to-end rows included (each element perturbed through the rest of the model).</summary>
    Full,

    /// <summary>
    /// Random directions everywhere: per tensor, <see cref="GradCheckOptions.Directions"/> seeded directions d, comparing
    /// (L(θ+hd) − L(θ−hd))/2h with &lt;g, d&gt;: a handful of evaluations whatever the size. Tensors that fail are drilled
    /// down element by element, so the report still names the worst index.
    /// </summary>
    Directional,

    /// <summary>
    /// The Taylor remainder test for every tensor: along its own gradient and <see cref="GradCheckOptions.Directions"/>
    /// seeded random directions, each read for the order its remainder |J(θ+hv) − J(θ) − h⟨g, v⟩| falls with (2: right,
    /// 1: wrong), with no tolerance. A tensor with a first-order direction fails and is drilled down element by element;
    /// every row carries its test (<see cref="TensorCheck.Taylor"/>), and the chart plots each.
    /// </summary>
    Taylor,
}
