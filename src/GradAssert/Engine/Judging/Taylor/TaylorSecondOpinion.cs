using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>
/// The Taylor test as a second opinion on an element (or direction) whose first verdict is near its tolerance, in
/// either direction: a borderline pass that the remainders show to be first order fails, and a borderline failure whose
/// remainders bound the first-order term well within the tolerance it failed passes (within that tolerance, which does
/// not grow). Any other reading keeps the first verdict.
/// </summary>
internal sealed class TaylorSecondOpinion : ReviewOpinion
{
    /// <summary>A pass from this error/tolerance up is near its tolerance.</summary>
    public const double Near = 0.1;

    /// <summary>A failure up to this error/tolerance is near its tolerance; beyond it, no second opinion can clear it.</summary>
    public const double Far = 10;

    /// <summary>A failure is overturned only when the test bounds the first-order term this many times within the tolerance it failed.</summary>
    public const double Margin = 3;

    /// <summary>Whether <paramref name="first"/> is near its tolerance.</summary>
    public static bool Borderline(in ElementOutcome first) =>
        (first.Status == ElementStatus.Passed && first.Badness >= Near) || (first.Status == ElementStatus.Failed && first.Badness <= Far);

    public override string Rule =>
        "Then a verdict near its tolerance (a pass from a tenth of it, a failure up to ten times it) gets the Taylor test as a second opinion: a first-order remainder fails a pass, and remainders that bound the error three times within the tolerance clear a failure.";

    /// <summary>The verdict after the second opinion, carrying the test; <paramref name="first"/> itself when it is not borderline.</summary>
    protected override ElementOutcome Review(ElementCase c, ElementOutcome first)
    {
        if (!Borderline(first))
        {
            return first;
        }

        var e = c.Evidence;
        double safetyFactor = c.SafetyFactor;

        // Samples beyond the first opinion are evidence only if the forward has not drifted.
        e.RequireUnperturbedOutput();
        var steps = TaylorTest.Take(e);
        var result = TaylorReading.Read(steps, safetyFactor * e.AnalyticRounding);
        if (Overturns(first, result))
        {
            result = TaylorTest.Floored(e, steps, safetyFactor);
        }

        result = result.SecondOpinionOn(first.Badness).Of(e.Analytic);
        if (!Overturns(first, result))
        {
            return first with { Taylor = result };
        }

        TaylorTest.Confirm(e, steps, result);
        result = result.Overturning();
        double g = first.Analytic, n = g + result.DerivativeError;
        if (first.Status == ElementStatus.Failed)
        {
            // Cleared within the tolerance it failed, never a wider one: the test measured finer than that.
            return new ElementOutcome(g, n, first.Allowed, ElementStatus.Passed, Unresolved: first.Allowed >= Math.Abs(g) + Math.Abs(n), Taylor: result);
        }

        return new ElementOutcome(g, n, result.Allowance, ElementStatus.Failed, Taylor: result);
    }

    /// <summary>
    /// A pass is overturned by a first-order verdict; a failure by a right one (second order, or at the floor) whose
    /// bound on the first-order term, the term it measured plus its rounding, is <see cref="Margin"/> times within the
    /// tolerance the element failed: the test measured the derivative finer than that tolerance and found it inside.
    /// </summary>
    private static bool Overturns(in ElementOutcome first, TaylorResult result) => first.Status == ElementStatus.Passed
        ? result.Verdict == TaylorVerdict.FirstOrder
        : result.Verdict is TaylorVerdict.SecondOrder or TaylorVerdict.RoundingFloor
            && Margin * result.Allowance <= first.Allowed
            && Math.Abs(result.DerivativeError) <= result.Allowance;
}
