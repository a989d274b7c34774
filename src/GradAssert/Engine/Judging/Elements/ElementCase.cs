using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>
/// One element (or direction) under judgement: its evidence, and the readings of it that several opinions share, each
/// taken once and only when an opinion first asks for it, so that an element settled early costs no more evaluations
/// than its settling opinion needed.
/// </summary>
internal sealed class ElementCase
{
    /// <summary>A first allowance above this share of the derivative (or of the tensor's typical gradient) cannot rule out an error worth catching.</summary>
    public const double Resolving = 1e-2;

    private Slopes? _slopes;
    private double? _fourStep;
    private double? _resolutionAllowance;
    private bool? _jumpPersists;
    private Slopes? _closer;
    private bool? _truncationShows;
    private LadderEstimate? _ladder;
    private LadderEstimate? _besideKink;
    private (Sample Plus, Sample Minus, Sample PlusTwice, Sample MinusTwice)? _eighth;

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

    /// <summary>
    /// Whether the estimates at h, 2h and 4h change as h² truncation does, the change from 2h to 4h at least twice the
    /// change from h to 2h (four times, less noise): only then does their change estimate the error left at h. Beyond
    /// the function's own scale (a softmax at −1e5 stepped by 490) the differences shrink as 1/h instead, each about
    /// half the one before, and their changes say nothing of the derivative.
    /// </summary>
    public bool ChangesAsTruncation => Math.Abs(Slopes.CentralTwo - FourStep) >= 2 * EmpiricalError;

    /// <summary>s·(rounding + |D(h) − D(2h)| + analytic rounding).</summary>
    public double TruncationAllowance => SafetyFactor * (Evidence.Rounding + EmpiricalError + Evidence.AnalyticRounding);

    /// <summary>s·(rounding + |D(h) − D(2h)| + 2·|D(2h) − D(4h)| + analytic rounding).</summary>
    public double FourStepAllowance => SafetyFactor * (Evidence.Rounding + EmpiricalErrorFourSteps + Evidence.AnalyticRounding);

    /// <summary>s·(the resolution of every output the element influences + the empirical error at four steps).</summary>
    public double ResolutionAllowance => _resolutionAllowance ??= SafetyFactor * (Evidence.Resolution() + EmpiricalErrorFourSteps);

    /// <summary>
    /// Whether <paramref name="allowance"/> is small enough that a pass within it rules out an error worth catching: at
    /// most <see cref="Resolving"/> of the larger derivative, or of the tensor's typical gradient.
    /// </summary>
    public bool Resolves(double allowance) => ResolvesAgainst(allowance, Math.Max(Math.Abs(Analytic), Math.Abs(Numerical)));

    /// <summary>Whether <paramref name="allowance"/> is at most <see cref="Resolving"/> of |<paramref name="derivative"/>| or of the tensor's typical gradient.</summary>
    private bool ResolvesAgainst(double allowance, double derivative) =>
        allowance <= Resolving * Math.Max(Math.Abs(derivative), Evidence.TypicalGradient);

    /// <summary>
    /// Whether s times the resolution of every output the element influences, those that did not move at ±h included,
    /// resolves an error worth catching (true where the evidence does not give it). The rounding allowance counts the
    /// outputs that moved: a loss summed onto 1e9 does not move at ±h for an element of 5e-4, reads n = 0 with no
    /// rounding at all, and only larger steps can see it.
    /// </summary>
    public bool HiddenOutputsResolve =>
        Evidence.Resolution() is var resolution && (double.IsNaN(resolution) || Resolves(SafetyFactor * resolution));

    /// <summary>
    /// Whether the jump of the one-sided slopes persists closer in: at h/8 (from the samples at ±h/8 and ±h/4) the
    /// slopes still differ beyond their rounding, by at least a quarter of the jump at h (or, where rounding at h/8 could
    /// hide that, by half of it at h/4). A kink's jump stays as the step shrinks; curvature's falls with it.
    /// </summary>
    public bool JumpPersists() => _jumpPersists ??= ReadCloser();

    /// <summary>
    /// The derivative read from a ladder of steps (<see cref="StepLadder"/>): climbing from h when the samples at ±h and
    /// ±2h show no truncation beyond their rounding (the first allowance was rounding's), else descending from 2h with
    /// Ridders' extrapolation.
    /// </summary>
    public LadderEstimate Ladder => _ladder ??= ReadLadder();

    /// <summary>Whether the samples at ±h and ±2h differ beyond their rounding: then the ladder descends, else it climbs.</summary>
    public bool TruncationShows => _truncationShows ??= ReadTruncation();

    /// <summary>
    /// The allowance within which the ladder's estimate refuted g, NaN while it has not: set by the opinion that read it,
    /// so that the allowances it supersedes are not asked.
    /// </summary>
    public double RefutedWithin { get; set; } = double.NaN;

    /// <summary>Whether the ladder's estimate refuted g.</summary>
    public bool Refuted => !double.IsNaN(RefutedWithin);

    /// <summary>The element's verdict with <paramref name="allowed"/> as its allowance.</summary>
    public ElementOutcome Verdict(ElementStatus status, double allowed) => new(Analytic, Numerical, allowed, status);

    /// <summary>A pass on an allowance that may be too wide to tell g from 0: then it is marked unresolved.</summary>
    /// <param name="numerical">The estimate g is judged against; the central difference at h unless given.</param>
    public ElementOutcome ResolvedPass(double allowance, double? numerical = null)
    {
        double n = numerical ?? Numerical;
        return new(Analytic, n, allowance, ElementStatus.Passed, Unresolved: allowance >= Math.Abs(Analytic) + Math.Abs(n));
    }

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

            // Only an allowance that resolves an error worth catching counts: closer in, float's rounding grows as 1/h.
            double rounding = e.Eps * (plus.Magnitude + minus.Magnitude) / (plus.Step - minus.Step);
            double allowance = SafetyFactor * (rounding + e.AnalyticRounding);
            if (Math.Abs(Analytic - Sample.Central(plus, minus)) <= allowance && Resolves(allowance))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The derivative read on the side away from a kink beside the element (a near tie in overlapping pooling windows a
    /// fraction of h away): see <see cref="ReadBesideKink"/>. Not found where the slopes do not change, where the jump
    /// persists closer in (a kink at the element itself), or where no side's slopes are steady enough.
    /// </summary>
    public LadderEstimate BesideKink => _besideKink ??= Slopes.Change && !JumpPersists() ? ReadBesideKink() : LadderEstimate.None;

    /// <summary>
    /// A pass on the derivative read beside a kink (<see cref="BesideKink"/>), where g agrees with it within s times its
    /// error and that allowance resolves an error worth catching; null otherwise. Asked only of an element that would
    /// otherwise be unverifiable or fail: it can pass an element, never fail one.
    /// </summary>
    public ElementOutcome? PassBesideKink()
    {
        if (BesideKink is not { Found: true } side)
        {
            return null;
        }

        double allowance = BesideKinkAllowance(side);
        if (Math.Abs(Analytic - side.Estimate) > allowance || !ResolvesAgainst(allowance, Math.Max(Math.Abs(Analytic), Math.Abs(side.Estimate))))
        {
            return null;
        }

        Evidence.RequireRepeatableSamples(withFourSteps: true);
        return ResolvedPass(allowance, side.Estimate);
    }

    /// <summary>Whether g is outside s times the error of the steady side of a kink beside the element (<see cref="BesideKink"/>).</summary>
    public bool BesideKinkRefutes() =>
        BesideKink is { Found: true } side && Math.Abs(Analytic - side.Estimate) > BesideKinkAllowance(side);

    /// <summary>s times the steady side's error and the analytic rounding: what g may differ from it by.</summary>
    private double BesideKinkAllowance(LadderEstimate side) => SafetyFactor * (side.Error + Evidence.AnalyticRounding);

    /// <summary>How many times steadier than the other side's the slopes of the side away from a kink must be.</summary>
    private const double SteadierBesideKink = 4;

    /// <summary>Multiples of h at which <see cref="ReadBesideKink"/> reads each side's slope.</summary>
    private static ReadOnlySpan<double> SideSteps => [1, 2, 4, 8, 16];

    /// <summary>
    /// A kink between about h/4 and 2h from the element bends the central differences at h, 2h and 4h and the slopes on
    /// its side, but not the slopes closer in (its jump did not persist), nor those on the other side: there
    /// (J(±t) − J(0))/(±t) at t = h, 2h, 4h, 8h, 16h agree, to their noise (a piecewise-linear function) or as curvature
    /// bends them. The estimate is that side's steadiest three (<see cref="SteadiestSlopes"/>), found only where they
    /// are at least <see cref="SteadierBesideKink"/> times steadier than the other side's (curvature bends both sides
    /// alike, and its central differences read it far better) and s times their spread resolves 1% of the estimate or
    /// of the tensor's typical gradient (a float layer norm of two features bends one side less than the other, but
    /// neither is steady). A kink at the element itself has two steady sides, and there the central differences closer
    /// in (±h/4, ±h/8) read their mean: the estimate must agree with them too, within s times its error and theirs.
    /// </summary>
    private LadderEstimate ReadBesideKink()
    {
        var e = Evidence;
        var (right, left) = (SteadiestSlopes(1), SteadiestSlopes(-1));
        var (best, other) = !left.Found || (right.Found && right.Error <= left.Error) ? (right, left) : (left, right);
        if (!best.Found || (other.Found && other.Error < SteadierBesideKink * best.Error)
            || !ResolvesAgainst(SafetyFactor * best.Error, best.Estimate))
        {
            // Neither side is steady, both are alike (curvature bends both, a kink one), or the steadier is not steady
            // enough to resolve an error worth catching: a smooth function bent beyond its own scale on both sides.
            return LadderEstimate.None;
        }

        var (p1, m1, p2, m2) = SamplesAtAnEighth();
        if (p1.Step <= 0 || m1.Step >= 0)
        {
            return LadderEstimate.None; // the value cannot move that little in its type
        }

        double closer = Sample.Central(p2, m2);
        double closerError = Math.Abs(closer - Sample.Central(p1, m1)) + (e.Eps * (p1.Magnitude + m1.Magnitude) / (p1.Step - m1.Step));
        return Math.Abs(best.Estimate - closer) <= SafetyFactor * (best.Error + closerError) ? best : LadderEstimate.None;
    }

    /// <summary>
    /// On the side <paramref name="sign"/>, the middle of the three consecutive slopes (J(t) − J(0))/t at
    /// <see cref="SideSteps"/> that agree best, with their spread and the smallest step's rounding as its error.
    /// </summary>
    private LadderEstimate SteadiestSlopes(int sign)
    {
        var e = Evidence;
        Span<double> slopes = stackalloc double[SideSteps.Length];
        Span<double> rounding = stackalloc double[SideSteps.Length];
        for (int k = 0; k < SideSteps.Length; k++)
        {
            var sample = k switch
            {
                0 => sign > 0 ? e.Plus1 : e.Minus1,
                1 => sign > 0 ? e.Plus2 : e.Minus2,
                2 => sign > 0 ? e.Plus4 : e.Minus4,
                _ => e.Probe(sign * SideSteps[k] * e.Step),
            };
            slopes[k] = sample.Step == 0 ? double.NaN : sample.Projection / sample.Step;
            rounding[k] = ((2 * e.Eps * sample.Magnitude) + e.TermRounding) / Math.Abs(sample.Step);
        }

        var best = LadderEstimate.None;
        for (int w = 0; w + 2 < SideSteps.Length; w++)
        {
            var three = slopes.Slice(w, 3);
            double spread = Math.Max(three[0], Math.Max(three[1], three[2])) - Math.Min(three[0], Math.Min(three[1], three[2]));
            double error = spread + rounding[w];
            if (double.IsFinite(error) && (!best.Found || error < best.Error))
            {
                best = new LadderEstimate(three[1], error, SideSteps[w + 1] * e.Step);
            }
        }

        return best;
    }

    private bool ReadCloser()
    {
        // Curvature's jump falls at least as fast as the step (the one-sided slopes cancel the quadratic term; what is
        // left is of higher order), a kink's stays. Persisting means falling less than half as fast: at least a quarter
        // of the jump at h still there at h/8, where several kinks within 2h share the jump and only the nearest stays.
        // Where float's rounding at h/8 could hide that much, the reading is taken at h/4 (half the jump). A reading
        // that could not show it is no evidence either way, and an element with none is not at a kink.
        double jumpAtH = Math.Abs(Slopes.Right - Slopes.Left);
        var e = Evidence;
        double q = e.Step / 8;
        var (p1, m1, p2, m2) = SamplesAtAnEighth();
        foreach (double shrink in (ReadOnlySpan<double>)[8, 4])
        {
            double persisting = 2 * jumpAtH / shrink;
            if (shrink == 4)
            {
                (p2, m2) = (e.Probe(2 * q), e.Probe(-2 * q)); // at h/8 they came with the near ones
            }

            var (closer, rounding) = SlopesFrom(p1, p2, m1, m2);
            double jump = Math.Abs(closer.Right - closer.Left);

            // Only whether a jump is there is asked of rounding: each slope is (4·J(q) − J(2q))/2q, so their
            // difference carries about 3 times the rounding of a central difference at q, a bound that sums every
            // output's full rounding, which real noise seldom approaches. g is compared with the slopes within s times.
            double noise = 3 * rounding;
            if (noise < persisting)
            {
                _closer = closer;
                return jump > noise && jump >= persisting;
            }

            (p1, m1, q) = (p2, m2, 2 * q); // the samples at ±2q are the near ones of the next reading
        }

        return false;
    }

    /// <summary>The samples at ±h/8 and ±h/4, taken once: the first reading closer in and the kink beside the element share them.</summary>
    private (Sample Plus, Sample Minus, Sample PlusTwice, Sample MinusTwice) SamplesAtAnEighth()
    {
        double eighth = Evidence.Step / 8;
        return _eighth ??= (Evidence.Probe(eighth), Evidence.Probe(-eighth), Evidence.Probe(2 * eighth), Evidence.Probe(-2 * eighth));
    }

    /// <summary>
    /// Whether g matches one of the one-sided slopes, at h or, where the jump persisted, closer in (a second kink
    /// within 2h bends the slope at h on its side, not the one at the element).
    /// </summary>
    public bool MatchesOneSide()
    {
        // √eps of the tensor's typical gradient as well: a one-sided slope carries truncation of its own (curvature
        // beside a ReLU's zero), which g = 0 exactly would otherwise have to match to rounding.
        double within = Math.Sqrt(Evidence.Eps) * Math.Max(Math.Abs(Analytic), Evidence.TypicalGradient);
        return Matches(Slopes) || (JumpPersists() && _closer is { } closer && Matches(closer));

        bool Matches(Slopes at) => Math.Min(Math.Abs(Analytic - at.Right), Math.Abs(Analytic - at.Left)) <= at.Slack + within;
    }

    /// <summary>
    /// The one-sided slopes from the samples at ±q and ±2q, with the slack of <see cref="Slopes"/> at that step, and the
    /// rounding of a central difference at q.
    /// </summary>
    private (Slopes Slopes, double Rounding) SlopesFrom(Sample p1, Sample p2, Sample m1, Sample m2)
    {
        var e = Evidence;
        double rounding = e.Eps * (p1.Magnitude + m1.Magnitude) / (p1.Step - m1.Step);
        double slack = SafetyFactor * ((3 * rounding) + e.AnalyticRounding);
        return (new Slopes(Sample.Central(p1, m1), Sample.Central(p2, m2), Sample.OneSided(p1, p2), Sample.OneSided(m1, m2), slack), rounding);
    }

    private bool ReadTruncation()
    {
        var e = Evidence;
        double taken1 = e.Plus1.Step - e.Minus1.Step, taken2 = e.Plus2.Step - e.Minus2.Step;
        double noise1 = e.Rounding + (e.TermRounding / taken1);
        double noise2 = (e.Eps * (e.Plus2.Magnitude + e.Minus2.Magnitude) / taken2) + (e.TermRounding / taken2);
        return !(Math.Abs(Slopes.Central - Slopes.CentralTwo) <= 3 * (noise1 + noise2));
    }

    private LadderEstimate ReadLadder()
    {
        var climbed = TruncationShows ? LadderEstimate.None : StepLadder.Climb(Evidence);
        return climbed.Found ? climbed : StepLadder.Descend(Evidence, 2 * Evidence.Step);
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
