namespace GradAssert;

/// <summary>
/// What the Taylor remainder test read from how |J(θ+hv) − J(θ) − h⟨g, v⟩| falls as the step h halves: no tolerance,
/// only the power of h (see <see cref="TaylorResult"/>).
/// </summary>
public enum TaylorVerdict
{
    /// <summary>The remainder falls as h² (or faster) down to the rounding floor: no first-order term, the gradient is right along v.</summary>
    SecondOrder,

    /// <summary>
    /// The remainder falls only as h, on both sides of θ, by the same first-order term at every step down to the
    /// rounding floor: ⟨g, v⟩ is wrong by that term.
    /// </summary>
    FirstOrder,

    /// <summary>
    /// The remainder is below the rounding of the objective at every step, the largest included: the objective is
    /// linear along v to within rounding (a weight of a dense layer), and the gradient right to within floor/h.
    /// </summary>
    RoundingFloor,

    /// <summary>The remainder falls as h on one side of θ only: a kink within the steps (ReLU at 0, a max-pool tie), not a wrong gradient.</summary>
    Kink,

    /// <summary>The remainder follows no power of h (it jumps, or falls erratically): the objective is not smooth at these steps.</summary>
    NotSmooth,
}
