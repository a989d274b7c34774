namespace GradAssert;

/// <summary>What a check compares the backward pass with (<see cref="GradCheckOptions.Reference"/>).</summary>
public enum Reference
{
    /// <summary>
    /// The exact reference where the layer carries to the dual number type (generic code, verified bit for bit on the
    /// check's input), finite differences elsewhere; each row says which judged it and why not exact. The default.
    /// </summary>
    Auto,

    /// <summary>
    /// The exact reference: dual numbers through the layer's own generic code, derivatives with no step. A layer that
    /// does not carry to the dual type is an error that says why.
    /// </summary>
    Exact,

    /// <summary>
    /// Finite differences only, as before the exact reference existed (and the default until then); for a layer the
    /// exact reference cannot see through, or to compare with other checkers' figures.
    /// </summary>
    Differences,

    /// <summary>Both where the layer carries: a row passes only when both references agree with the backward.</summary>
    Both,
}
