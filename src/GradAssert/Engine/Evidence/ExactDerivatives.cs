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
/// <param name="Colours">How many groups of elements were seeded together (each a few passes, or one per member where the group did not verify).</param>
/// <param name="Epsilon">The unit roundoff of the layer's type.</param>
/// <param name="BackwardNoise">
/// For each element, a sample of the rounding a correct Forward and Backward accumulate into its gradient
/// (<see cref="BackwardRounding{T}.Gradients"/>): the backward's own rounding where it cancels (1 − t² of a saturated tanh),
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
    /// with them, the corpus's 31 correct layers in 100 cases each, double and float, pass with 8. 16 leaves a margin of
    /// 2 over that: at least 3.6e-15 of the gradient in double, 1.9e-6 in float. (It was 64 until an element whose
    /// difference exceeds the allowance had that difference's own rounding measured, <see cref="DifferenceNoise"/>: a
    /// sample that came out small by chance now costs a measurement, not a false alarm. It was 32 until 2026-12-07: at 16
    /// the fuzz harness, the corpus at 1,000 cases and the larger models pass every correct case as at 32, and float
    /// dense biases and attention weights are caught from 1e-5 and 3e-5 of the gradient instead of 3e-5 and 1e-4.)
    /// </summary>
    public const double Roundings = 16;

    /// <summary>
    /// How many roundings of its own terms an element's noise must allow before differences compare its row too
    /// (<see cref="Loose"/>): 64, the margin <see cref="Roundings"/> had before it halved, so that differences run
    /// where they ran before and no more (at 32 they ran on twice as many rows of the benchmark's models, where they
    /// cannot be finer than the exact reference).
    /// </summary>
    public const double LooseRoundings = 64;

    /// <summary>
    /// For each element, the rounding of the difference between a correct backward and the exact derivative, measured
    /// where the backward's noise alone would decide (<see cref="DualDerivatives{T}.Refined"/>); NaN where not measured,
    /// and null when no element was.
    /// </summary>
    public double[]? DifferenceNoise { get; init; }

    /// <summary>
    /// The comparison along the exact gradient's own direction (<see cref="DualDerivatives{T}.AlongItself"/>), null where
    /// it was not made: no element's derivative is nonzero, or some element already disagrees.
    /// </summary>
    public ExactDirection? Direction { get; init; }

    /// <summary>
    /// How many times the measured <see cref="DifferenceNoise"/> a correct gradient may differ by. On 100 cases each of
    /// float layer norms on inputs near 0 and 200, softmaxes on logits near −1,000, attention and tanh (4,631 elements),
    /// at the 407 elements where the real difference exceeded 64 roundings of the element's terms it was at most 0.8
    /// times the sample (median 0.3); the backward's noise alone was up to 50 times below it (the layer norm near 200).
    /// </summary>
    public const double MeasuredNoiseFactor = 4;

    /// <summary>
    /// The difference a correct gradient of element <paramref name="i"/> may show: <see cref="Roundings"/> roundings of
    /// its scale and of itself, <see cref="NoiseFactor"/> times the backward's floor, and the noise: the difference's
    /// own, measured, times <see cref="MeasuredNoiseFactor"/> where it was measured, else the backward's times
    /// <see cref="NoiseFactor"/>.
    /// </summary>
    public double Allowance(int i, double analytic) =>
        OwnRoundings(i, analytic, Roundings) + Noise(i) + (Roundings * Subnormal);

    /// <summary>
    /// True when element <paramref name="i"/>'s allowance owes more to the measured noise and floor than to
    /// <see cref="LooseRoundings"/> roundings of its own terms, and the gradient uses more of it than that: the exact
    /// reference then judges it only as finely as that noise, which in float can be a few percent of the gradient (a
    /// softmax on logits near −1e5), looser than differences. A gradient within those roundings of its exact derivative
    /// is confirmed as finely as where the noise is small, however wide the allowance: differences cannot add to that
    /// (a max-pool's or a ReLU's gradient 0 where its exact derivative is 0, while the floor set by the largest output
    /// term made every such element loose and sent the row to differences).
    /// </summary>
    public bool Loose(int i, double analytic)
    {
        double own = OwnRoundings(i, analytic, LooseRoundings);
        return Noise(i) > own && Math.Abs(analytic - Derivatives[i]) > own;
    }

    /// <summary>
    /// True when element <paramref name="i"/> is <see cref="Loose"/> for the backward's noise alone, not its floor: the
    /// noise that measuring the difference's own rounding (<see cref="DifferenceNoise"/>) replaces.
    /// </summary>
    public bool LooseForItsNoise(int i, double analytic) => Loose(i, analytic) && BackwardNoise[i] > BackwardFloor;

    /// <summary><paramref name="count"/> roundings of element <paramref name="i"/>'s scale and of its gradient.</summary>
    private double OwnRoundings(int i, double analytic, double count) => count * Epsilon * (Scale[i] + Math.Abs(analytic));

    private double Noise(int i) => (NoiseFactor * BackwardFloor) + (DifferenceNoise is { } measured && !double.IsNaN(measured[i])
        ? MeasuredNoiseFactor * measured[i]
        : NoiseFactor * BackwardNoise[i]);

    /// <summary>The spacing of the layer's type below its normal range, where rounding is absolute, not relative.</summary>
    public double Subnormal => Epsilon < 1e-10 ? double.Epsilon : float.Epsilon;

    /// <summary>True when <paramref name="analytic"/> agrees with element <paramref name="i"/>'s exact derivative within its allowance.</summary>
    public bool Agrees(int i, double analytic) => Math.Abs(analytic - Derivatives[i]) <= Allowance(i, analytic);
}
