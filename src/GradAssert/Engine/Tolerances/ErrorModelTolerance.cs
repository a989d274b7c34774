using System.Globalization;

namespace GradAssert.Engine;

/// <summary>
/// The error model: an element fails only when |g−n| exceeds <see cref="SafetyFactor"/> times the numerical derivative's
/// own error, estimated from the evidence in up to four opinions, each asked for only when the previous one does not
/// already clear the element. Kinks (one-sided slopes that disagree, one of them matching g) are left out.
/// </summary>
/// <remarks>
/// Most elements pass on the first opinion, which costs the two evaluations at ±h. The second takes ±2h too, to
/// estimate truncation and rounding empirically (|D(h) − D(2h)|) and to tell a kink from a bug; the third ±4h, an
/// independent second estimate, since one noisy pair can agree by chance; the fourth the resolution of the outputs
/// the element influences, for outputs too saturated to move at all.
/// </remarks>
/// <param name="SafetyFactor">How many times its error estimate a mismatch may be.</param>
internal sealed record ErrorModelTolerance(double SafetyFactor) : Tolerance
{
    public const double DefaultSafetyFactor = 10;

    internal override ElementOutcome JudgeElement(DerivativeEvidence e)
    {
        double s = SafetyFactor;
        double g = e.Analytic, n = e.Numerical;
        double allowed = s * (e.Rounding + e.AnalyticRounding);
        if (Math.Abs(g - n) <= allowed)
        {
            return new(g, n, allowed, ElementStatus.Passed);
        }

        // Second opinion: steps ±2h estimate the numerical error empirically and tell kinks from bugs.
        var plus2 = e.Plus2;
        var minus2 = e.Minus2;
        double d1 = Sample.Central(e.Plus1, e.Minus1);
        double d2 = Sample.Central(plus2, minus2);
        double right = Sample.OneSided(e.Plus1, plus2);
        double left = Sample.OneSided(e.Minus1, minus2);
        double slack = s * ((3 * e.Rounding) + e.AnalyticRounding);
        bool slopesChange = Math.Abs(right - left) > slack;
        bool slopesJump = slopesChange && Math.Abs(right - left) > slack + (0.01 * Math.Max(Math.Abs(right), Math.Abs(left)));
        bool matchesOneSide = Math.Min(Math.Abs(g - right), Math.Abs(g - left)) <= slack + (Math.Sqrt(e.Eps) * Math.Abs(g));
        if (slopesJump && matchesOneSide)
        {
            return new(g, n, allowed, ElementStatus.Kink);
        }

        double empirical = Math.Abs(d1 - d2);
        double allowedSecond = s * (e.Rounding + empirical + e.AnalyticRounding);
        if (Math.Abs(g - n) <= allowedSecond)
        {
            return new(g, n, allowedSecond, ElementStatus.Passed);
        }

        // Third opinion: rounding halves as the step doubles, so |D(2h) − D(4h)| is scaled back to step h.
        var plus4 = e.Sample(4 * e.Step);
        var minus4 = e.Sample(-4 * e.Step);
        double d4 = Sample.Central(plus4, minus4);
        double empiricalTotal = empirical + (2 * Math.Abs(d2 - d4));
        double allowedThird = s * (e.Rounding + empiricalTotal + e.AnalyticRounding);
        if (Math.Abs(g - n) <= allowedThird)
        {
            return new(g, n, allowedThird, ElementStatus.Passed);
        }

        // Fourth opinion: the resolution of the outputs the element influences, moved or not.
        double allowedFourth = s * (e.Resolution() + empiricalTotal);
        if (Math.Abs(g - n) <= allowedFourth)
        {
            return new(g, n, allowedFourth, ElementStatus.Passed);
        }

        // Last, for an element that would fail: a slope change too small to call a kink up front (a minor pooling
        // window's share) is one if the derivative closer in agrees. A wrong analytic value does not agree there.
        return slopesChange && AgreesCloser(e, g)
            ? new(g, n, allowedFourth, ElementStatus.Kink)
            : new(g, n, allowedFourth, ElementStatus.Failed);
    }

    internal override bool IsWrong(in ElementOutcome element, in TensorNorms norms) => element.Status == ElementStatus.Failed;

    internal override bool TensorPasses(in TensorNorms norms, int wrongElements) => wrongElements == 0 && !double.IsNaN(norms.Difference);

    public override string ToString() => SafetyFactor == DefaultSafetyFactor
        ? "error model"
        : string.Create(CultureInfo.InvariantCulture, $"error model ×{SafetyFactor:G3}");

    /// <summary>
    /// Two kinks within ±2h (a near tie in overlapping pooling windows) spoil both one-sided slopes. Closer in, at
    /// ±h/64 or ±h/4096, the kinks fall outside the stencil: a right analytic derivative agrees there, a wrong one does not.
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
