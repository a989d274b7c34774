namespace GradAssert.Engine.Evidence;

/// <summary>
/// A derivative found by walking the step: central differences at a ladder of steps, and the estimate and error the
/// ladder supports. Where the first step is dominated by rounding (a large output, a constant offset), the ladder climbs
/// while truncation stays invisible; where truncation dominates (inputs far from 0 on a function of a much smaller
/// scale, a step near the edge of a domain), it descends by halves and removes the h² truncation (Richardson). Steps
/// where the layer is not defined are skipped, not errors.
/// </summary>
/// <remarks>
/// The error of an estimate is measured, not bounded: the largest of the change from the rung before (what truncation
/// and noise left), the noise the samples themselves show, and the rounding of the outputs that moved. Noise is read two
/// ways, each free of the leading truncation: from the central differences, D(4h) − 5·D(2h) + 4·D(h); and from the
/// even parts E(t) = J(t) + J(−t), whose E(2h) − 4·E(h) cancels the curvature. A forward that cancels large terms inside
/// (a sum that nearly cancels, exp(x) − 1 − x) carries noise far above its outputs' rounding, and this is where it shows.
/// </remarks>
internal static class StepLadder
{
    /// <summary>The most rungs a descent takes (two evaluations each): from the first step down to 2⁻¹⁵ of it.</summary>
    private const int MaxDescent = 16;

    /// <summary>
    /// The most rungs a climb takes: up to 4¹⁰, about a million times h. A climb stops where truncation shows, so only a
    /// function that stays polynomial of low degree that far goes so high: a loss summed onto 1e9 needs a step near 1 to
    /// move by enough ulps to read an element of 5e-4 to 1% (with at most 4⁸, a gradient 1% off still passed, at
    /// err/tol 0.99).
    /// </summary>
    private const int MaxClimb = 10;

    /// <summary>
    /// A climb stops once its error is this share of its estimate: ten times it still resolves an error of a tenth of a
    /// percent, and larger steps would only cost evaluations (a wrong gradient of a linear layer, where truncation
    /// never shows, would otherwise climb every rung at every element).
    /// </summary>
    private const double FineEnough = 1e-4;

    /// <summary>The largest share of the derivative the noise of differences that agree within it may be (1%).</summary>
    private const double Resolving = 1e-2;

    /// <summary>A descent stops once its error has grown this many rungs past its smallest: noise has taken over.</summary>
    private const int PastBest = 3;

    /// <summary>
    /// Central differences at <paramref name="start"/>, start/2, start/4, …, each combined with the one before it into an
    /// estimate free of h² truncation: the estimate of smallest error, that error, and its step. Not found when fewer
    /// than three consecutive steps were defined.
    /// </summary>
    public static LadderEstimate Descend(DerivativeEvidence e, double start)
    {
        var rungs = new List<Rung>();
        var (best, noisy) = (LadderEstimate.None, LadderEstimate.None);
        Rung bestRung = default;
        int sinceBest = 0;
        double h = start;
        for (int k = 0; k < MaxDescent && sinceBest < PastBest; k++, h /= 2)
        {
            var rung = Central(e, h);
            if (rung.Taken == 0)
            {
                break; // the value cannot move that little in its type
            }

            if (!double.IsFinite(rung.Difference))
            {
                rungs.Clear(); // outside the domain: start again closer in
                continue;
            }

            rungs.Add(rung);
            if (rungs.Count < 4 || Estimate(rungs, e.TermRounding) is not { Found: true } estimate)
            {
                continue; // not yet where the differences converge as h² does
            }

            if (estimate.WithinNoise)
            {
                // Only where nothing converges or settles: near a kink between the steps such differences can agree
                // within their noise on a value no derivative of J has, where smaller steps converge on the right one.
                noisy = !noisy.Found || estimate.Error < noisy.Error ? estimate : noisy;
            }
            else if (!best.Found || estimate.Error < best.Error)
            {
                (best, sinceBest, bestRung) = (estimate, 0, rung);
            }
            else
            {
                sinceBest++;
            }
        }

        return best.Converged ? OffTheHalvings(e, best, bestRung) : best.Found ? best : noisy;
    }

    /// <summary>
    /// <paramref name="found"/> with its error at least the noise a difference off the ladder's halvings shows: at 0.7
    /// of its smallest step the truncation left is 0.49 of that step's (h² falls so), and what else differs is noise. A
    /// forward that rounds x-sized terms (a value near 1e5 minus its mean) makes noise that steps halving from one start
    /// meet on the same grid, and the ladder's own readings of it can all come out small.
    /// </summary>
    private static LadderEstimate OffTheHalvings(DerivativeEvidence e, LadderEstimate found, Rung last)
    {
        var off = Central(e, 0.7 * last.Step);
        if (!double.IsFinite(off.Difference))
        {
            return found;
        }

        double expected = found.Estimate + (0.49 * (last.Difference - found.Estimate));
        return found with { Error = Math.Max(found.Error, Math.Abs(off.Difference - expected)) };
    }

    /// <summary>
    /// The central differences at 4h, 16h, … (h the evidence's step) while each agrees with the one before it within
    /// their rounding, so that truncation is still invisible: the largest such step's difference, with the larger of its
    /// measured noise and the disagreement with the step before as its error. Not found when even 4h disagrees with h.
    /// </summary>
    public static LadderEstimate Climb(DerivativeEvidence e)
    {
        double h = e.Step;
        double taken = e.Plus1.Step - e.Minus1.Step;
        var first = new Rung(h, Sample.Central(e.Plus1, e.Minus1), (e.Eps * (e.Plus1.Magnitude + e.Minus1.Magnitude) / taken) + (e.TermRounding / taken), taken, Even(e.Plus1, e.Minus1));
        double noiseTimesStep = NoiseAt(e) * h; // the noise of a difference falls as 1/h: this is noise × step
        var before = first;
        var found = LadderEstimate.None;
        for (int rung = 1; rung <= MaxClimb; rung++)
        {
            var next = Central(e, before.Step * 4);
            next = next with { Rounding = next.Rounding + (e.TermRounding / next.Taken) };
            double gap = Math.Abs(next.Difference - before.Difference);
            if (!double.IsFinite(next.Difference) || !(gap <= 3 * (next.Rounding + before.Rounding)))
            {
                break; // outside the domain, or truncation shows: the step before was the largest that can be read
            }

            if (rung == 1 && Grows(first, next, like: 4))
            {
                // The even part grew as t does, not t²: a kink at the element, whose slopes differ by less than their
                // rounding bound at h. Every step reads the mean of the two slopes there, no derivative of J.
                return LadderEstimate.None;
            }

            // Every gap on the way up was noise at the lower of its two steps: scaled to this step, one more reading.
            noiseTimesStep = Math.Max(noiseTimesStep, gap * before.Step);
            found = new LadderEstimate(next.Difference, Largest(next.Rounding, noiseTimesStep / next.Step, gap), next.Step);
            before = next;

            // Strictly below: where no output has moved yet, the rung reads 0 with no rounding, which proves nothing.
            if (found.Error < FineEnough * Math.Abs(found.Estimate))
            {
                break;
            }
        }

        return found.Found ? Misaligned(e, found, first) : found;
    }

    /// <summary>
    /// <paramref name="found"/> with its error at least what the differences at steps off the ladder's powers of two show:
    /// a forward that rounds to a grid (terms far larger than their sum) can give the same bits at h, 2h and 4h, and
    /// hide its noise from every reading on them; at 0.7 times a step the grid no longer lines up.
    /// </summary>
    private static LadderEstimate Misaligned(DerivativeEvidence e, LadderEstimate found, Rung first)
    {
        var top = Central(e, 0.7 * found.Step);
        var bottom = Central(e, 0.7 * first.Step);
        double error = Largest(found.Error, Math.Abs(top.Difference - found.Estimate), Math.Abs(bottom.Difference - first.Difference) * first.Step / found.Step);
        return found with { Error = error };
    }

    /// <summary>
    /// The noise of the central difference at the evidence's step h, measured from its samples at ±h, ±2h and ±4h: the
    /// largest of the readings that cancel the leading truncation (see the remarks).
    /// </summary>
    public static double NoiseAt(DerivativeEvidence e)
    {
        double h = e.Step;
        double d1 = Sample.Central(e.Plus1, e.Minus1), d2 = Sample.Central(e.Plus2, e.Minus2), d4 = Sample.Central(e.Plus4, e.Minus4);
        double e1 = Even(e.Plus1, e.Minus1), e2 = Even(e.Plus2, e.Minus2), e4 = Even(e.Plus4, e.Minus4);
        return Largest(Math.Abs(d4 - (5 * d2) + (4 * d1)) / 4, EvenNoise(e2, e1, h), EvenNoise(e4, e2, 2 * h) * 2);
    }

    /// <summary>J(t) + J(−t): the even part of the samples, twice the curvature's share, free of the derivative.</summary>
    private static double Even(Sample plus, Sample minus) => plus.Projection + minus.Projection;

    /// <summary>
    /// The noise of a central difference at step <paramref name="h"/> read from the even parts at 2h and h: E(2h) − 4·E(h)
    /// cancels the curvature and leaves about 6 times one sample's noise, and a difference at h carries 0.7/h of that.
    /// </summary>
    private static double EvenNoise(double twice, double once, double h) => Math.Abs(twice - (4 * once)) / (8 * h);

    /// <summary>The largest of the finite readings, 0 when none is.</summary>
    private static double Largest(params ReadOnlySpan<double> readings)
    {
        double largest = 0;
        foreach (double reading in readings)
        {
            if (double.IsFinite(reading))
            {
                largest = Math.Max(largest, reading);
            }
        }

        return largest;
    }

    /// <summary>
    /// The estimate of the last rung, its difference and the one before combined (Richardson), and its error; none while
    /// the differences do not converge as h² does over the last two halvings (each shrinking their change about
    /// fourfold): at steps far above the function's own scale extrapolating reads nothing, and where noise drowns the
    /// changes (a forward that cancels large terms rounds them to a grid, the same at many steps) the ladder leaves the
    /// element to the opinions that weigh noise. Noise alone passes one such test now and then, two in a row seldom.
    /// </summary>
    /// <param name="termRounding">The rounding of the terms the value contributes (<see cref="DerivativeEvidence.TermRounding"/>).</param>
    private static LadderEstimate Estimate(List<Rung> rungs, double termRounding)
    {
        var (a, b, c, d) = (rungs[^4], rungs[^3], rungs[^2], rungs[^1]);
        if (KinkAtElement(b, c, d, termRounding))
        {
            return LadderEstimate.None; // central differences there read the mean of two slopes, no derivative of J
        }

        double before = ((4 * c.Difference) - b.Difference) / 3;
        double estimate = ((4 * d.Difference) - c.Difference) / 3;

        // The noise read at these very steps (readings from much larger steps carry more of the truncation's higher
        // orders), from the last two triples: one reading alone is small by chance now and then.
        double noise = Math.Max(Math.Abs(b.Difference - (5 * c.Difference) + (4 * d.Difference)) / 4, Math.Abs(a.Difference - (5 * b.Difference) + (4 * c.Difference)) / 2);
        double error = Largest(Math.Abs(estimate - before), noise, d.Rounding);

        // Convergence is read only from changes well above the noise: noise alone makes changes of any ratio.
        bool clear = Math.Abs(a.Difference - b.Difference) > 3 * (noise + b.Rounding);
        if (clear && Converging(a, b, c) && Converging(b, c, d))
        {
            return new LadderEstimate(estimate, error, d.Step, Converged: true);
        }

        // A function linear at these steps (a piecewise-linear one closer to its kink than h) gives the same difference
        // at each, to rounding: that difference is the derivative, as noisy as the terms it was summed from.
        bool settled = Settled(a, b) && Settled(b, c) && Settled(c, d);
        if (settled)
        {
            return new LadderEstimate(d.Difference, Largest(d.Rounding, termRounding / d.Taken, noise), d.Step);
        }

        // Differences that agree within the noise they show themselves (a forward that rounds terms of 200 in float,
        // x − mean, carries noise far above its outputs' rounding), where that noise is small beside the derivative: the
        // truncation left is below it, and the mean of the four is the estimate, as noisy as that. Far above the
        // function's own scale the third differences are truncation, not noise, and as large as the differences.
        double mean = (a.Difference + b.Difference + c.Difference + d.Difference) / 4;
        bool withinNoise = noise <= Resolving * Math.Abs(mean) && WithinNoise(a, b) && WithinNoise(b, c) && WithinNoise(c, d);
        return withinNoise ? new LadderEstimate(mean, Largest(noise, Math.Abs(d.Difference - mean), d.Rounding), d.Step, WithinNoise: true) : LadderEstimate.None;

        bool WithinNoise(Rung x, Rung y) => Math.Abs(x.Difference - y.Difference) <= 3 * noise;
    }

    /// <summary>
    /// Whether the even parts of the last three rungs show a kink at the element itself: J(t) + J(−t) beyond the samples'
    /// rounding and about halving with the step, as (R − L)·t does (curvature's t² would quarter). Central differences
    /// there converge, or settle, on the mean of the two one-sided slopes, which is no derivative the backward owes.
    /// </summary>
    /// <param name="termRounding">The rounding of the terms the value contributes (<see cref="DerivativeEvidence.TermRounding"/>).</param>
    private static bool KinkAtElement(Rung b, Rung c, Rung d, double termRounding)
    {
        // ε·(|J(d)| + |J(−d)|), the rounding of the two samples summed, and that of the terms the value contributes (a
        // forward that cancels them carries far more): an even part within them is noise, and its ratios are too. Two
        // halvings in a row, as for convergence: noise makes one ratio of any size now and then, two seldom.
        double noise = (d.Rounding * d.Taken) + termRounding;
        return Math.Abs(d.Even) > 3 * noise && Halves(b, c) && Halves(c, d);

        static bool Halves(Rung larger, Rung smaller) => larger.Even / smaller.Even is > 1.3 and < 3;
    }

    /// <summary>
    /// Whether the even part J(t) + J(−t) is beyond the samples' rounding at both rungs and grew from
    /// <paramref name="smaller"/> to <paramref name="larger"/> about as the step did (<paramref name="like"/> times), as
    /// (R − L)·t does at a kink at the element; curvature's t² grows by the square of that.
    /// </summary>
    private static bool Grows(Rung smaller, Rung larger, double like)
    {
        double noise = smaller.Rounding * smaller.Taken; // the two samples' rounding (the terms' included), summed
        double ratio = larger.Even / smaller.Even;
        return Math.Abs(smaller.Even) > 3 * noise && ratio > like / 2 && ratio < like * 2;
    }

    /// <summary>Whether the change from <paramref name="b"/> to <paramref name="c"/> is about a fourth of the change from <paramref name="a"/> to <paramref name="b"/>.</summary>
    private static bool Converging(Rung a, Rung b, Rung c) => (a.Difference - b.Difference) / (b.Difference - c.Difference) is >= 2.5 and <= 6.5;

    /// <summary>Whether two differences agree within their rounding.</summary>
    private static bool Settled(Rung a, Rung b) => Math.Abs(a.Difference - b.Difference) <= 3 * (a.Rounding + b.Rounding);

    /// <summary>The central difference at ±<paramref name="h"/>, its rounding and the step really taken (NaN where undefined).</summary>
    private static Rung Central(DerivativeEvidence e, double h)
    {
        var plus = e.Probe(h);
        var minus = e.Probe(-h);
        double taken = plus.Step - minus.Step;
        if (plus.Step == 0 || minus.Step == 0)
        {
            return new Rung(h, double.NaN, double.NaN, 0, double.NaN);
        }

        return new Rung(h, Sample.Central(plus, minus), e.Eps * (plus.Magnitude + minus.Magnitude) / taken, taken, Even(plus, minus));
    }

    /// <summary>One rung: the step asked for, the central difference there, its rounding, the step really taken (both ways), and the even part.</summary>
    private readonly record struct Rung(double Step, double Difference, double Rounding, double Taken, double Even);
}

/// <summary>A derivative read from a ladder of steps.</summary>
/// <param name="Estimate">The derivative; NaN when the ladder found none.</param>
/// <param name="Error">Its error, measured: what truncation and noise left, at least the rounding it rests on.</param>
/// <param name="Step">The smallest step the estimate rests on.</param>
/// <param name="Converged">
/// Whether the differences converged as h² does over the rungs it rests on, so that its error measured the noise there:
/// noise would have broken the convergence.
/// </param>
/// <param name="WithinNoise">
/// Whether it rests on differences that only agree within the noise they show: evidence that g is right where g agrees,
/// but not that it is wrong where it does not (a kink between the steps can hide in that noise).
/// </param>
internal readonly record struct LadderEstimate(double Estimate, double Error, double Step, bool Converged = false, bool WithinNoise = false)
{
    public static LadderEstimate None => new(double.NaN, double.NaN, double.NaN);

    public bool Found => double.IsFinite(Estimate) && double.IsFinite(Error);
}
