namespace GradAssert.Engine.Evidence;

/// <summary>
/// Each element's derivative of the objective ⟨r, y⟩, read from a carried layer's output tangents: exact in the layer's
/// arithmetic, with no step. Its allowance against a backward's gradient comes from the rounding of the two
/// computations in the layer's precision: both are sums of the same products r_o·∂y_o/∂x_i, whose absolute sum
/// <see cref="Scale"/> holds.
/// </summary>
/// <param name="Derivatives">dL/dx_i for each element, in double.</param>
/// <param name="Scale">Σ_o |r_o·∂y_o/∂x_i| for each element: what the rounding of either computation is relative to.</param>
/// <param name="Passes">How many dual forwards the tensor took, discovery included.</param>
/// <param name="Colours">How many groups of elements were seeded together (each 1 + ⌈log₂ size⌉ passes, or one per member where the group did not verify).</param>
/// <param name="Epsilon">The unit roundoff of the layer's type.</param>
/// <param name="BackwardNoise">
/// For each element, a sample of the rounding a correct Forward and Backward accumulate into its gradient
/// (<see cref="BackwardRounding"/>): the backward's own rounding where it cancels (1 − t² of a saturated tanh),
/// measured; zeros when not measured.
/// </param>
internal sealed record ExactDerivatives(double[] Derivatives, double[] Scale, int Passes, int Colours, double Epsilon, double[] BackwardNoise)
{
    /// <summary>
    /// The rounding of the largest upstream-weighted output term, maxₒ |r_o|·min(|y_o|, 1), in the layer's type: a
    /// backward that combines outputs (a softmax's dy − Σdy·y, a tanh's 1 − y² at saturation) cancels terms that large,
    /// whatever the size of the one element's own products, and a forward that adds a term below an output's rounding
    /// (log(1 + 1e-34)) passes it no tangent. 0 until the check sets it.
    /// </summary>
    public double BackwardFloor { get; init; }

    /// <summary>How many times the measured <see cref="BackwardNoise"/> a correct gradient may differ by: its samples take random signs, where the worst case adds the roundings up.</summary>
    public const double NoiseFactor = 8;

    /// <summary>
    /// How many roundings of the layer's type an exact derivative and a correct backward may differ by, relative to
    /// <see cref="Scale"/> and the gradient: the two sum the same products in other orders and reach them through other
    /// chains (a GRU's gates, 1 − y² near saturation), which cancel differently. Where they cancel, the measured
    /// <see cref="BackwardNoise"/> and <see cref="BackwardFloor"/> say how much; this is the margin for a sample that
    /// came out small by chance. Without the measured parts a GRU cell needed 614 roundings in double (194 in float);
    /// with them, the corpus's 31 correct layers in 100 cases each, double and float, pass with 8, and 64 leaves a margin
    /// of 8 over that: at least 1.4e-14 of the gradient in double, 7.6e-6 in float.
    /// </summary>
    public const double Roundings = 64;

    /// <summary>
    /// The difference a correct gradient of element <paramref name="i"/> may show: <see cref="Roundings"/> roundings of
    /// its scale and of itself, and <see cref="NoiseFactor"/> times the backward's measured noise and its floor.
    /// </summary>
    public double Allowance(int i, double analytic) =>
        (Roundings * Epsilon * (Scale[i] + Math.Abs(analytic))) + (NoiseFactor * (BackwardNoise[i] + BackwardFloor)) + (Roundings * Subnormal);

    /// <summary>
    /// True when element <paramref name="i"/>'s allowance owes more to the measured noise and floor than to the
    /// roundings of its own terms: the exact reference then judges it only as finely as that noise, which in float can
    /// be a few percent of the gradient (a softmax on logits near −1e5), looser than differences.
    /// </summary>
    public bool Loose(int i, double analytic) =>
        NoiseFactor * (BackwardNoise[i] + BackwardFloor) > Roundings * Epsilon * (Scale[i] + Math.Abs(analytic));

    /// <summary>The spacing of the layer's type below its normal range, where rounding is absolute, not relative.</summary>
    public double Subnormal => Epsilon < 1e-10 ? double.Epsilon : float.Epsilon;

    /// <summary>True when <paramref name="analytic"/> agrees with element <paramref name="i"/>'s exact derivative within its allowance.</summary>
    public bool Agrees(int i, double analytic) => Math.Abs(analytic - Derivatives[i]) <= Allowance(i, analytic);
}
