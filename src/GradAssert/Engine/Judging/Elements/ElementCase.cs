using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>
/// One element (or direction) under judgement: its evidence, and the readings of it that several opinions share, each
/// taken once and only when an opinion first asks for it, so that an element settled early costs no more evaluations
/// than its settling opinion needed.
/// </summary>
internal sealed class ElementCase
{
    private Slopes? _slopes;
    private double? _fourStep;
    private double? _resolutionAllowance;

    /// <param name="safetyFactor">How many times its error estimate a mismatch may be.</param>
    public ElementCase(DerivativeEvidence evidence, double safetyFactor)
    {
        Evidence = evidence;
        SafetyFactor = safetyFactor;
    }

    public DerivativeEvidence Evidence { get; }

    public double SafetyFactor { get; }

    /// <summary>g, the analytic derivative.</summary>
    public double Analytic => Evidence.Analytic;

    /// <summary>n, the numerical derivative.</summary>
    public double Numerical => Evidence.Numerical;

    /// <summary>|g − n|.</summary>
    public double Error => Math.Abs(Analytic - Numerical);

    /// <summary>s·(the rounding of n + the rounding of g): the allowance of the samples at ±h alone.</summary>
    public double RoundingAllowance => SafetyFactor * (Evidence.Rounding + Evidence.AnalyticRounding);

    /// <summary>
    /// The central differences at h and 2h and the one-sided slopes either side, from the samples at ±h and ±2h. Read
    /// first, the unperturbed output is re-checked: samples beyond ±h are evidence only if the forward has not drifted.
    /// </summary>
    public Slopes Slopes => _slopes ??= TakeSlopes();

    /// <summary>The central difference at 4h.</summary>
    public double FourStep => _fourStep ??= Sample.Central(Evidence.Plus4, Evidence.Minus4);

    /// <summary>|D(h) − D(2h)|: truncation and rounding as the samples show them.</summary>
    public double EmpiricalError => Math.Abs(Slopes.Central - Slopes.CentralTwo);

    /// <summary>|D(h) − D(2h)| + 2·|D(2h) − D(4h)|: the second estimate added, scaled back to step h (rounding halves as the step doubles).</summary>
    public double EmpiricalErrorFourSteps => EmpiricalError + (2 * Math.Abs(Slopes.CentralTwo - FourStep));

    /// <summary>s·(rounding + |D(h) − D(2h)| + analytic rounding).</summary>
    public double TruncationAllowance => SafetyFactor * (Evidence.Rounding + EmpiricalError + Evidence.AnalyticRounding);

    /// <summary>s·(rounding + |D(h) − D(2h)| + 2·|D(2h) − D(4h)| + analytic rounding).</summary>
    public double FourStepAllowance => SafetyFactor * (Evidence.Rounding + EmpiricalErrorFourSteps + Evidence.AnalyticRounding);

    /// <summary>s·(the resolution of every output the element influences + the empirical error at four steps).</summary>
    public double ResolutionAllowance => _resolutionAllowance ??= SafetyFactor * (Evidence.Resolution() + EmpiricalErrorFourSteps);

    /// <summary>The element's verdict with <paramref name="allowed"/> as its allowance.</summary>
    public ElementOutcome Verdict(ElementStatus status, double allowed) => new(Analytic, Numerical, allowed, status);

    /// <summary>A pass on an allowance that may be too wide to tell g from 0: then it is marked unresolved.</summary>
    public ElementOutcome ResolvedPass(double allowance) =>
        new(Analytic, Numerical, allowance, ElementStatus.Passed, Unresolved: allowance >= Math.Abs(Analytic) + Math.Abs(Numerical));

    /// <summary>
    /// Whether g is within the derivatives each output's one-sided slopes allow (<see cref="DerivativeEvidence.SubgradientRange"/>),
    /// to the same slack as a one-sided match.
    /// </summary>
    public bool WithinOutputSlopes()
    {
        var (low, high) = Evidence.SubgradientRange();
        double within = Slopes.Slack + (Math.Sqrt(Evidence.Eps) * Math.Abs(Analytic));
        return Analytic >= low - within && Analytic <= high + within;
    }

    /// <summary>
    /// Whether the derivative closer in, at ±h/64 or ±h/4096, agrees with g within its rounding: there a kink ±2h away
    /// (a near tie in overlapping pooling windows) falls outside the stencil, and truncation that dominated at h has
    /// shrunk 4,000-fold. A wrong analytic value does not agree there, nor does a drifting forward.
    /// </summary>
    public bool AgreesCloserIn()
    {
        var e = Evidence;
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
            if (Math.Abs(Analytic - Sample.Central(plus, minus)) <= SafetyFactor * (rounding + e.AnalyticRounding))
            {
                return true;
            }
        }

        return false;
    }

    private Slopes TakeSlopes()
    {
        var e = Evidence;
        e.RequireUnperturbedOutput();
        double d1 = Sample.Central(e.Plus1, e.Minus1);
        double d2 = Sample.Central(e.Plus2, e.Minus2);
        double right = Sample.OneSided(e.Plus1, e.Plus2);
        double left = Sample.OneSided(e.Minus1, e.Minus2);
        double slack = SafetyFactor * ((3 * e.Rounding) + e.AnalyticRounding);
        return new Slopes(d1, d2, right, left, slack);
    }
}

/// <summary>The central differences at h and 2h and the one-sided slopes either side of an element.</summary>
/// <param name="Central">D(h).</param>
/// <param name="CentralTwo">D(2h).</param>
/// <param name="Right">The one-sided slope from the samples at +h and +2h.</param>
/// <param name="Left">The one-sided slope from the samples at −h and −2h.</param>
/// <param name="Slack">s·(3·rounding + analytic rounding): how far the slopes may differ or miss g from rounding alone.</param>
internal readonly record struct Slopes(double Central, double CentralTwo, double Right, double Left, double Slack)
{
    /// <summary>The slopes either side differ beyond rounding.</summary>
    public bool Change => Math.Abs(Right - Left) > Slack;

    /// <summary>The slopes either side differ beyond rounding and by more than 1% of the larger.</summary>
    public bool Jump => Change && Math.Abs(Right - Left) > Slack + (0.01 * Math.Max(Math.Abs(Right), Math.Abs(Left)));
}
