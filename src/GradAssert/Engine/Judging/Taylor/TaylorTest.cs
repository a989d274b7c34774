using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>
/// Runs the Taylor remainder test along the perturbation of a <see cref="DerivativeEvidence"/>: the samples at ±h₀·2^k
/// (those the first opinions took are reused), read first over each sample's own rounding and, when the reading would
/// count against or for the gradient, again over the rounding of every output the perturbation influences.
/// </summary>
internal static class TaylorTest
{
    /// <summary>The test on its own: a whole tensor along a direction, or a direction of <see cref="CheckMode.Taylor"/>.</summary>
    /// <param name="safetyFactor">How many times its rounding the analytic derivative may be off.</param>
    public static TaylorResult Run(DerivativeEvidence e, double safetyFactor)
    {
        e.RequireUnperturbedOutput();
        var steps = Take(e);
        var result = TaylorReading.Read(steps, safetyFactor * e.AnalyticRounding);
        if (result.Verdict == TaylorVerdict.FirstOrder)
        {
            result = Floored(e, steps, safetyFactor);
            Confirm(e, steps, result);
        }

        return result.Of(e.Analytic);
    }

    /// <summary>The reading over the rounding of every output the perturbation influences, moved or not.</summary>
    public static TaylorResult Floored(DerivativeEvidence e, TaylorSteps steps, double safetyFactor)
    {
        var (outputs, analytic) = e.Floors();
        return TaylorReading.Read(steps.WithFloor(outputs), safetyFactor * analytic);
    }

    /// <summary>Takes the samples at ±h₀·<see cref="TaylorSteps.Multiples"/>, reusing ±h₀, ±2h₀ and ±4h₀.</summary>
    public static TaylorSteps Take(DerivativeEvidence e)
    {
        int n = TaylorSteps.Multiples.Length;
        var plus = new Sample[n];
        var minus = new Sample[n];
        for (int k = 0; k < n; k++)
        {
            double m = TaylorSteps.Multiples[k];
            (plus[k], minus[k]) = m switch
            {
                1 => (e.Plus1, e.Minus1),
                2 => (e.Plus2, e.Minus2),
                4 => (e.Plus4, e.Minus4),
                _ => (e.Sample(m * e.Step), e.Sample(-m * e.Step)),
            };
        }

        return new TaylorSteps(e.Step, plus, minus, e.Eps, floor: 0);
    }

    /// <summary>The samples a verdict rests on must repeat bit for bit, or they are noise, not evidence (a contract error).</summary>
    public static void Confirm(DerivativeEvidence e, TaylorSteps steps, TaylorResult result)
    {
        foreach (int k in result.Deciding)
        {
            double offset = TaylorSteps.Multiples[k] * e.Step;
            e.RequireRepeat(steps.Plus[k], offset);
            e.RequireRepeat(steps.Minus[k], -offset);
        }
    }
}
