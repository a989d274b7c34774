namespace GradAssert.Engine.Judging;

/// <summary>
/// An allowance that an empirical estimate widened passes an element only as far as the evidence justifies it, or a
/// forward that drifts between calls would read as noise and excuse anything. Samples that do not repeat bit for bit
/// are no evidence at all (a contract error). The widening is earned, in this order, when the central differences at h,
/// 2h and 4h change as truncation does (each doubling of h multiplies the change by about 4); when |g − n| is within
/// the rounding of every influenced output; when the estimates (from a deterministic forward's own rounding) agree to a
/// tenth of their own size; when the derivative closer in (h/64, h/4096) agrees with g; or when g agrees with the
/// steady side of a kink beside the element (<see cref="ElementCase.BesideKink"/>), which is asked first where the
/// slopes jump, since a kink there bends the differences in any ratio, truncation's among them. Otherwise the element
/// is unverifiable, and it fails the check with that word.
/// </summary>
internal static class WideningMustBeEarned
{
    /// <summary>The rule in words, as "What a pass covers" lists it.</summary>
    public static string Rule =>
        "A widened allowance is earned only by samples that repeat bit for bit and, in this order: where the slopes jump with a kink beside the element (one side's slopes (J(±t) - J(0))/(±t) at t = h to 16h at least 4 times steadier than the other's, and the central differences at ±h/4 and ±h/8 agreeing with them), g within s times that side's spread, resolving 1% (a kink bends the differences in any ratio, so there their growth earns nothing); central differences at h, 2h and 4h that change as truncation does (about 4 times per doubling); |g - n| within the rounding of every output the element influences; estimates that agree to a tenth of their own size; a derivative closer in (±h/64, ±h/4096) that agrees with g; or, where the slopes only change, g agreeing with a steady side as above. Otherwise the element is unverifiable, and the check fails with that word.";

    /// <summary>Estimates that differ by more than this share of the derivative's size disagree wildly.</summary>
    private const double WildSpread = 0.1;

    /// <summary>The verdict of an element within <paramref name="allowance"/>, an allowance an empirical estimate widened.</summary>
    public static ElementOutcome Verdict(ElementCase c, double allowance)
    {
        var e = c.Evidence;

        // Every judgement below reads the scatter of the samples: it is evidence only if each sample repeats.
        e.RequireRepeatableSamples(withFourSteps: true);
        double d1 = c.Slopes.Central, d2 = c.Slopes.CentralTwo, d4 = c.FourStep;

        // A kink beside the element (slopes that jump at h, one side steady) bends the differences at h, 2h and 4h in
        // any ratio, truncation's among them: there the steady side measures the derivative, and growth earns nothing.
        bool kinkBeside = c.Slopes.Jump && c.BesideKink.Found;
        if (kinkBeside && c.PassBesideKink() is { } beside)
        {
            return beside;
        }

        double growth = (d4 - d2) / (d2 - d1);
        if (growth is >= 2 and <= 8 && !kinkBeside)
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

        if (c.AgreesCloserIn())
        {
            return c.ResolvedPass(allowance);
        }

        return c.PassBesideKink() ?? c.Verdict(ElementStatus.Unverifiable, rounding); // where the slopes only change (asked above where they jump)
    }
}
