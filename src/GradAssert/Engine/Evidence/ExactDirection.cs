namespace GradAssert.Engine.Evidence;

/// <summary>
/// A tensor's gradient compared with its exact derivative along one direction, the exact gradient itself: every element
/// seeded at once with its exact derivative (over the largest, times a random factor from 0.5 to 1.5), the backward's
/// ⟨v, g⟩ against the dual pass's ⟨r, J·v⟩. An error common to many elements (a factor 1 + δ, a constant slightly off)
/// adds up along it, where each element's own rounding, of either sign, adds up only as its square root: a float bias
/// summed over positions is caught from a few roundings of the whole, where each element's sum allows sixteen of all its
/// terms.
/// </summary>
/// <param name="Analytic">⟨v, g⟩: the backward's gradient along the direction.</param>
/// <param name="Exact">⟨r, J·v⟩: the exact derivative along it, from one dual pass.</param>
/// <param name="Allowance">
/// How far the two may differ for a correct backward: the measured rounding of their difference and a floor of roundings
/// of both; the floor alone where <paramref name="Measured"/> is false.
/// </param>
/// <param name="Measured">
/// Whether the rounding of the difference was measured. It is not where the two agree within the floor: the allowance is
/// never less, so the verdict is the same, and four Forwards at the nested type per tensor are saved.
/// </param>
internal sealed record ExactDirection(double Analytic, double Exact, double Allowance, bool Measured)
{
    /// <summary>Whether the two agree within the allowance.</summary>
    public bool Agrees => Math.Abs(Analytic - Exact) <= Allowance;

    /// <summary>
    /// The least common factor 1 ± δ of the gradient that this comparison fails: the allowance over the derivative along
    /// it; unknown (infinite) where the allowance was not measured, since an error beyond the floor would have been
    /// measured and judged against more.
    /// </summary>
    public double Detects => !Measured || Exact == 0 ? double.PositiveInfinity : Allowance / Math.Abs(Exact);

    /// <summary>How far off the allowance the two are: above 1 they disagree.</summary>
    public double Ratio => Math.Abs(Analytic - Exact) / Allowance;
}
