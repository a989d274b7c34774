using System.Globalization;

namespace GradAssert.Engine;

/// <summary>
/// The error model: an element fails only when |g−n| exceeds <see cref="SafetyFactor"/> times the numerical derivative's
/// own error, estimated from the evidence in up to four opinions, each asked for only when the previous one does not
/// already clear the element. Kinks (one-sided slopes that disagree, one of them matching g) are left out.
/// </summary>
/// <remarks>
/// <para>
/// Most elements pass on the first opinion, which costs the two evaluations at ±h and is justified by rounding alone.
/// The second takes ±2h too, to estimate truncation and rounding empirically (|D(h) − D(2h)|) and to tell a kink from a
/// bug; the third ±4h, an independent second estimate; the fourth the resolution of the outputs the element influences,
/// for outputs too saturated to move at all.
/// </para>
/// <para>
/// An element whose verdict lands near its tolerance (a pass from a tenth of it, a failure up to ten times it) then gets
/// the Taylor remainder test as a second opinion (<see cref="TaylorSecondOpinion"/>), which can overturn it either way.
/// </para>
/// <para>
/// An empirical estimate may only widen an element's tolerance as far as the evidence justifies it, or a forward
/// that drifts between calls would read as noise and excuse anything. It is trusted when the central differences at h,
/// 2h and 4h change as truncation does (each step doubling multiplies the change by about 4), or when it stays within
/// the rounding of every output the element influences. Otherwise the element is retried closer in (h/64, h/4096); if
/// it does not agree there either, it is unverifiable, and it fails the check with that word.
/// </para>
/// </remarks>
/// <param name="SafetyFactor">How many times its error estimate a mismatch may be.</param>
internal sealed record ErrorModelTolerance(double SafetyFactor) : Tolerance
{
    public const double DefaultSafetyFactor = 10;

    /// <summary>Estimates that differ by more than this share of the derivative's size disagree wildly.</summary>
    private const double WildSpread = 0.1;

    internal override ElementOutcome JudgeElement(DerivativeEvidence e) => TaylorSecondOpinion.Review(e, FirstVerdict(e), SafetyFactor);

    /// <summary>The verdict of the four opinions, before any Taylor test.</summary>
    private ElementOutcome FirstVerdict(DerivativeEvidence e)
    {
        double s = SafetyFactor;
        double g = e.Analytic, n = e.Numerical, error = Math.Abs(g - n);
        double allowed = s * (e.Rounding + e.AnalyticRounding);
        if (error <= allowed)
        {
            return new(g, n, allowed, ElementStatus.Passed);
        }

        // From here on the verdict rests on more samples: they are only evidence if the forward has not drifted.
        e.RequireUnperturbedOutput();

        // Second opinion: steps ±2h estimate the numerical error empirically and tell kinks from bugs.
        double d1 = Sample.Central(e.Plus1, e.Minus1);
        double d2 = Sample.Central(e.Plus2, e.Minus2);
        double right = Sample.OneSided(e.Plus1, e.Plus2);
        double left = Sample.OneSided(e.Minus1, e.Minus2);
        double slack = s * ((3 * e.Rounding) + e.AnalyticRounding);
        bool slopesChange = Math.Abs(right - left) > slack;
        bool slopesJump = slopesChange && Math.Abs(right - left) > slack + (0.01 * Math.Max(Math.Abs(right), Math.Abs(left)));
        bool matchesOneSide = Math.Min(Math.Abs(g - right), Math.Abs(g - left)) <= slack + (Math.Sqrt(e.Eps) * Math.Abs(g));
        if (slopesJump && matchesOneSide)
        {
            e.RequireRepeatableSamples(withFourSteps: false); // a sample that differs from call to call also makes slopes jump
            return new(g, n, allowed, ElementStatus.Kink);
        }

        if (slopesJump && WithinSubgradients(e, g, slack))
        {
            // A tie in several pooling windows at once (overlapping max-pool over a ReLU's zeros): the analytic value is
            // a sum over some of the tied outputs, a valid subgradient that neither one-sided slope of J shows, but each
            // output's own slopes bound it.
            e.RequireRepeatableSamples(withFourSteps: false);
            return new(g, n, allowed, ElementStatus.Kink);
        }

        double empirical = Math.Abs(d1 - d2);
        double allowedSecond = s * (e.Rounding + empirical + e.AnalyticRounding);
        if (error <= allowedSecond)
        {
            return Justified(e, g, n, allowedSecond, d1, d2);
        }

        // Third opinion: rounding halves as the step doubles, so |D(2h) − D(4h)| is scaled back to step h.
        double d4 = Sample.Central(e.Plus4, e.Minus4);
        double empiricalTotal = empirical + (2 * Math.Abs(d2 - d4));
        double allowedThird = s * (e.Rounding + empiricalTotal + e.AnalyticRounding);
        if (error <= allowedThird)
        {
            return Justified(e, g, n, allowedThird, d1, d2);
        }

        // Fourth opinion: the resolution of the outputs the element influences, moved or not.
        double allowedFourth = s * (e.Resolution() + empiricalTotal);
        if (error <= allowedFourth)
        {
            return Justified(e, g, n, allowedFourth, d1, d2);
        }

        // Last, for an element that would fail: a slope change too small to call a kink up front (a minor pooling
        // window's share) is one if the derivative closer in agrees, or, for a tie at the element itself, if each
        // output's own slopes allow the analytic value. A wrong analytic value does neither.
        if (slopesChange && (AgreesCloser(e, g) || WithinSubgradients(e, g, slack)))
        {
            e.RequireRepeatableSamples(withFourSteps: false);
            return new(g, n, allowedFourth, ElementStatus.Kink);
        }

        return new(g, n, allowedFourth, ElementStatus.Failed);
    }

    internal override bool IsWrong(in ElementOutcome element, in TensorNorms norms) =>
        element.Status is ElementStatus.Failed or ElementStatus.Unverifiable;

    internal override bool TensorPasses(in TensorNorms norms, int wrongElements) => wrongElements == 0 && !double.IsNaN(norms.Difference);

    public override string ToString() => SafetyFactor == DefaultSafetyFactor
        ? "error model"
        : string.Create(CultureInfo.InvariantCulture, $"error model ×{SafetyFactor:G3}");

    /// <summary>
    /// An element within an allowance that an empirical estimate widened. The estimate is evidence when the central
    /// differences change as truncation does, when it stays within the rounding of every influenced output, or when the
    /// estimates (from samples that repeat bit for bit: a deterministic forward's own rounding, from cancellation inside
    /// it) still agree to a tenth of the derivative's size. Otherwise the element must agree closer in, or it is unverifiable.
    /// Samples that do not repeat bit for bit are no evidence at all: that is a contract error.
    /// </summary>
    private ElementOutcome Justified(DerivativeEvidence e, double g, double n, double allowance, double d1, double d2)
    {
        // Every judgement below reads the scatter of the samples: it is evidence only if each sample repeats.
        e.RequireRepeatableSamples(withFourSteps: true);
        double d4 = Sample.Central(e.Plus4, e.Minus4);
        double growth = (d4 - d2) / (d2 - d1);
        if (growth is >= 2 and <= 8)
        {
            return Passed(g, n, allowance); // truncation: each doubling of h multiplies it by ~4
        }

        double rounding = SafetyFactor * (e.Resolution() + e.AnalyticRounding);
        if (Math.Abs(g - n) <= rounding)
        {
            return Passed(g, n, rounding);
        }

        double spread = Math.Max(Math.Abs(d1 - d2), Math.Abs(d2 - d4));
        double size = Math.Max(Math.Max(Math.Abs(d1), Math.Abs(d2)), Math.Abs(g));
        if (spread <= WildSpread * size)
        {
            return Passed(g, n, allowance); // a deterministic forward's own rounding
        }

        return AgreesCloser(e, g)
            ? Passed(g, n, allowance)
            : new(g, n, rounding, ElementStatus.Unverifiable);
    }

    /// <summary>
    /// Whether <paramref name="g"/> is within the derivatives each output's one-sided slopes allow
    /// (<see cref="DerivativeEvidence.SubgradientRange"/>), to the same slack as a one-sided match.
    /// </summary>
    private static bool WithinSubgradients(DerivativeEvidence e, double g, double slack)
    {
        var (low, high) = e.SubgradientRange();
        double within = slack + (Math.Sqrt(e.Eps) * Math.Abs(g));
        return g >= low - within && g <= high + within;
    }

    /// <summary>A pass on an allowance that may be too wide to tell g from 0: then it is marked unresolved.</summary>
    private static ElementOutcome Passed(double g, double n, double allowance) =>
        new(g, n, allowance, ElementStatus.Passed, Unresolved: allowance >= Math.Abs(g) + Math.Abs(n));

    /// <summary>
    /// Whether the derivative closer in, at ±h/64 or ±h/4096, agrees with <paramref name="g"/> within its rounding: there
    /// a kink ±2h away (a near tie in overlapping pooling windows) falls outside the stencil, and truncation that
    /// dominated at h has shrunk 4,000-fold. A wrong analytic value does not agree there, nor does a drifting forward.
    /// </summary>
    private bool AgreesCloser(DerivativeEvidence e, double g)
    {
        foreach (double shrink in (ReadOnlySpan<double>)[64, 4096])
        {
            double fine = e.Step / shrink;
            var plus = e.Sample(fine);
            var minus = e.Sample(-fine);
            if (plus.Step <= 0 || minus.Step >= 0)
            {
                return false; // the value cannot move that little in its type
            }

            double rounding = e.Eps * (plus.Magnitude + minus.Magnitude) / (plus.Step - minus.Step);
            if (Math.Abs(g - Sample.Central(plus, minus)) <= SafetyFactor * (rounding + e.AnalyticRounding))
            {
                return true;
            }
        }

        return false;
    }
}
