namespace GradAssert.Engine.Judging;

/// <summary>What the engine concluded about one element.</summary>
internal enum ElementStatus
{
    /// <summary>The analytic derivative agrees within what the evidence justifies.</summary>
    Passed,

    /// <summary>The analytic derivative disagrees beyond every justified error: the backward is wrong here.</summary>
    Failed,

    /// <summary>The ±h evaluations straddle a non-differentiable point; left out.</summary>
    Kink,

    /// <summary>
    /// The finite-difference estimates disagree with each other by more than rounding or truncation can explain, also
    /// closer in: the element can be neither confirmed nor refuted, and a check that cannot confirm it fails.
    /// </summary>
    Unverifiable,
}

/// <summary>One element's analytic and numerical derivative and the error model's judgement.</summary>
/// <param name="Numerical">The central difference at step h (or the four-point value).</param>
/// <param name="Allowed">The largest |g − n| the tolerance allows; NaN for the per-tensor normalized-difference rule.</param>
/// <param name="Unresolved">
/// True for a passing element whose allowance is at least |g| + |n|: finite differences cannot tell its gradient from 0
/// or from twice itself (its effect on the output is below the output's rounding), so its pass proves little.
/// </param>
/// <param name="Taylor">The Taylor test this element got as a second opinion, or null.</param>
internal readonly record struct ElementOutcome(double Analytic, double Numerical, double Allowed, ElementStatus Status, bool Unresolved = false, TaylorResult? Taylor = null)
{
    /// <summary>How far over (above 1) or under its allowance the element is; the report's worst element has the largest.</summary>
    public double Badness
    {
        get
        {
            double error = Math.Abs(Analytic - Numerical);
            if (double.IsNaN(error))
            {
                return double.PositiveInfinity;
            }

            return double.IsNaN(Allowed) ? error : Allowed > 0 ? error / Allowed : error > 0 ? double.MaxValue : 0;
        }
    }
}
