namespace GradAssert.Engine.Evidence;

/// <summary>
/// The resolution of the objective along a perturbation: the rounding of every output it influences, moved at ±h or
/// not (see <see cref="DerivativeEvidence.Resolution"/>), in parts, so that it can be read at any step.
/// </summary>
/// <param name="Numerical">The rounding of the outputs over the step they were differenced at: what a difference at h carries.</param>
/// <param name="PerEvaluation">The rounding of one evaluation of those outputs, unscaled.</param>
/// <param name="Differenced">The step <paramref name="Numerical"/> divides by: h, or the largest step tried when nothing moved.</param>
/// <param name="Analytic">The analytic derivative's rounding from the backward terms over those outputs.</param>
internal readonly record struct Resolution(double Numerical, double PerEvaluation, double Differenced, double Analytic)
{
    /// <summary>The rounding a central difference at <paramref name="step"/> carries from those outputs.</summary>
    /// <param name="h">The first step; an output that did not move even at it stays below its resolution up to the largest step tried.</param>
    public double At(double step, double h) => PerEvaluation / (Differenced == h ? step : Math.Max(step, Differenced));
}
