namespace GradAssert.Engine.Evidence;

/// <summary>One evaluation of the objective at a signed step along a perturbation.</summary>
/// <param name="Step">The signed step really taken.</param>
/// <param name="Projection">&lt;r, y − y0&gt;: the objective's change.</param>
/// <param name="Predicted">The analytic gradient's prediction of that change.</param>
/// <param name="Magnitude">The scale of the rounding in <paramref name="Projection"/>.</param>
internal readonly record struct Sample(double Step, double Projection, double Predicted, double Magnitude)
{
    /// <summary>
    /// Σ |rᵢ|·|yᵢ − y0ᵢ| over the outputs: how much the outputs moved, whatever their signs. Times the moved value and
    /// over the step, the size of the terms the value contributes to them, whose rounding a forward that cancels them
    /// carries (<see cref="DerivativeEvidence.TermRounding"/>).
    /// </summary>
    public double Change { get; init; }

    /// <summary>The central difference, exact for the steps really taken (x ± h rounds in the layer's type).</summary>
    public static double Central(Sample plus, Sample minus) => QuadraticSlope(plus.Step, plus.Projection, minus.Step, minus.Projection);

    /// <summary>The analytic derivative along the displacement really taken.</summary>
    public static double Analytic(Sample plus, Sample minus) => QuadraticSlope(plus.Step, plus.Predicted, minus.Step, minus.Predicted);

    /// <summary>A second-order one-sided difference from the samples at h and 2h on one side.</summary>
    public static double OneSided(Sample near, Sample far) => QuadraticSlope(near.Step, near.Projection, far.Step, far.Projection);

    /// <summary>The same one-sided difference from changes <paramref name="a1"/> and <paramref name="a2"/> at steps <paramref name="t1"/> and <paramref name="t2"/>.</summary>
    public static double OneSided(double t1, double a1, double t2, double a2) => QuadraticSlope(t1, a1, t2, a2);

    /// <summary>Steps beyond this would overflow t1·(t1 − t2) (about 1e308): the slope is then taken from a/t ratios.</summary>
    private const double LargeStep = 1e150;

    /// <summary>The slope at 0 of the parabola through (0, 0), (t1, a1) and (t2, a2).</summary>
    /// <remarks>
    /// Written with products of steps for ordinary steps, so results stay bit for bit what they always were; for the
    /// steps of values beyond 1e150 the same slope is taken from the secant slopes a/t, which cannot overflow.
    /// </remarks>
    private static double QuadraticSlope(double t1, double a1, double t2, double a2) =>
        Math.Abs(t1) < LargeStep && Math.Abs(t2) < LargeStep
            ? (-a1 * t2 / (t1 * (t1 - t2))) - (a2 * t1 / (t2 * (t2 - t1)))
            : (((a1 / t1) * t2) - ((a2 / t2) * t1)) / (t2 - t1);
}
