namespace GradAssert.Engine.Evidence;

/// <summary>
/// The resolution of the objective along a perturbation: the rounding of every output it influences, moved at ±h or
/// not (see <see cref="DerivativeEvidence.Resolution"/>), in parts, so that it can be read at any step.
/// </summary>
/// <param name="Numerical">The rounding of the outputs over the step they were differenced at: what a difference at h carries.</param>
/// <param name="PerEvaluation">The rounding of one evaluation of those outputs, unscaled.</param>
/// <param name="Differenced">The step <paramref name="Numerical"/> divides by: h, or the largest step tried when nothing moved.</param>
/// <param name="Analytic">The analytic derivative's rounding from the backward terms over those outputs.</param>
/// <param name="Cancelling">
/// The part of <paramref name="PerEvaluation"/> bounding x-sized terms a forward may cancel inside (log-sum-exp − x): a
/// bound, not a reading. Noise of that kind moves with the step, so differences at several steps measure it where it is
/// really there; the outputs' own rounding may hide from every step (a softmax probability of 1).
/// </param>
internal readonly record struct Resolution(double Numerical, double PerEvaluation, double Differenced, double Analytic, double Cancelling = 0)
{
    /// <summary>The rounding a central difference at <paramref name="step"/> carries from those outputs.</summary>
    /// <param name="h">The first step; an output that did not move even at it stays below its resolution up to the largest step tried.</param>
    public double At(double step, double h) => PerEvaluation / Over(step, h);

    /// <summary>
    /// <see cref="At"/> without the cancelling terms' bound: for an estimate whose noise was measured at the steps it
    /// rests on (a ladder whose differences converged), which that noise would have shown in.
    /// </summary>
    public double HiddenAt(double step, double h) => (PerEvaluation - Cancelling) / Over(step, h);

    private double Over(double step, double h) => Differenced == h ? step : Math.Max(step, Differenced);
}
