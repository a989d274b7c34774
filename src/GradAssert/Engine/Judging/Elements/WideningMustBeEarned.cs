namespace GradAssert.Engine.Judging;

/// <summary>
/// An allowance that an empirical estimate widened passes an element only as far as the evidence justifies it, or a
/// forward that drifts between calls would read as noise and excuse anything. Samples that do not repeat bit for bit
/// are no evidence at all (a contract error). The widening is earned, in this order, when the central differences at h,
/// 2h and 4h change as truncation does (each doubling of h multiplies the change by about 4); when |g − n| is within
/// the rounding of every influenced output; when the estimates (from a deterministic forward's own rounding) agree to a
/// tenth of their own size; or when the derivative closer in (h/64, h/4096) agrees with g. Otherwise the element
/// is unverifiable, and it fails the check with that word.
/// </summary>
internal static class WideningMustBeEarned
{
    /// <summary>The rule in words, as "What a pass covers" lists it.</summary>
    public static string Rule =>
        "A widened allowance is earned only by samples that repeat bit for bit and, in this order: central differences at h, 2h and 4h that change as truncation does (about 4 times per doubling); |g - n| within the rounding of every output the element influences; estimates that agree to a tenth of their own size; or a derivative closer in (±h/64, ±h/4096) that agrees with g. Otherwise the element is unverifiable, and the check fails with that word.";

    /// <summary>Estimates that differ by more than this share of the derivative's size disagree wildly.</summary>
    private const double WildSpread = 0.1;

    /// <summary>The verdict of an element within <paramref name="allowance"/>, an allowance an empirical estimate widened.</summary>
    public static ElementOutcome Verdict(ElementCase c, double allowance)
    {
        var e = c.Evidence;

        // Every judgement below reads the scatter of the samples: it is evidence only if each sample repeats.
        e.RequireRepeatableSamples(withFourSteps: true);
        double d1 = c.Slopes.Central, d2 = c.Slopes.CentralTwo, d4 = c.FourStep;
        double growth = (d4 - d2) / (d2 - d1);
        if (growth is >= 2 and <= 8)
        {
            return c.ResolvedPass(allowance); // truncation: each doubling of h multiplies it by ~4
        }

        double rounding = c.SafetyFactor * (e.Resolution() + e.AnalyticRounding);
        if (c.Error <= rounding)
        {
            return c.ResolvedPass(rounding);
        }

        double spread = Math.Max(Math.Abs(d1 - d2), Math.Abs(d2 - d4));
        double size = Math.Max(Math.Abs(d1), Math.Abs(d2)); // the estimates' own size: a wrong g must not widen it
        if (spread <= WildSpread * size)
        {
            return c.ResolvedPass(allowance); // a deterministic forward's own rounding
        }

        return c.AgreesCloserIn() ? c.ResolvedPass(allowance) : c.Verdict(ElementStatus.Unverifiable, rounding);
    }
}
