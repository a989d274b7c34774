using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Judging;

/// <summary>
/// Reads a <see cref="TaylorSteps"/> for the power of h its remainders fall with, and turns it into a verdict. Only the
/// rounding floor is a tolerance here: a remainder counts when it is <see cref="Clean"/> times above it; the orders
/// are read at the smallest steps that do.
/// </summary>
/// <remarks>
/// A first-order term is called wrong only when the curvature-cancelled remainder falls as h over the last two halvings
/// above the floor, the term is the same (within a third) at those steps, it fades into the floor where a term of that
/// size must (not abruptly, as the one-sided slope of a kink does), the curvature's share does not fall as h too (it
/// does at a kink), the four smallest steps do not show the term gone (kinks on both sides that only the larger steps
/// cross), and the term exceeds the analytic gradient's own rounding. Anything less keeps the first verdict.
/// </remarks>
internal static class TaylorReading
{
    /// <summary>A remainder this many times its rounding floor is signal.</summary>
    public const double Clean = 4;

    /// <summary>
    /// The one-sided orders are read where the remainders are this many times their floor (the noise then moves an order
    /// by less than 0.2), or, when fewer than two steps are, where they are <see cref="Clean"/> times.
    /// </summary>
    private const double Sharp = 16;

    private const double FirstLow = 0.6, FirstHigh = 1.4, SecondLow = 1.6;

    /// <summary>The first-order terms at the last three steps above the floor may differ by this factor at most.</summary>
    private const double Consistent = 1.35;

    /// <param name="analyticFloor">How large a first-order term the analytic gradient's own rounding can explain.</param>
    public static TaylorResult Read(TaylorSteps s, double analyticFloor)
    {
        var cancelled = Tail(s.CancelledRemainders, s, moved: true, Clean);
        var plus = Sharpest(s.Remainders, s);
        var minus = Sharpest(s.OppositeRemainders, s);
        double order = Mean(Order(plus, s.Remainders, s.Steps), Order(minus, s.OppositeRemainders, s.Steps));
        double cancelledOrder = Order(cancelled, s.CancelledRemainders, s.Steps);
        var orders = new Orders(s, order, cancelledOrder);
        if (LastTwoWithin(cancelled, s.CancelledRemainders, s.Steps, FirstLow, FirstHigh))
        {
            return FirstOrderTerm(orders, cancelled, analyticFloor);
        }

        // Second order within the noise: the last halving's order can reach 2 once each remainder may be off by its floor.
        bool Right(int[] tail, double[] series) => tail.Length < 2 || HighestOrder(tail[^2], series, s) >= SecondLow;
        bool Linear(int[] tail, double[] series) => LastTwoWithin(tail, series, s.Steps, FirstLow, FirstHigh);

        // Right: the odd part (curvature cancelled) falls as h³ or is at the floor, and the even part (the curvature)
        // as h² or at the floor. The one-sided remainders mix the two, so their orders are shown, not judged.
        var curvature = Sharpest(s.EvenRemainders, s);
        if (Right(cancelled, s.CancelledRemainders) && Right(curvature, s.EvenRemainders))
        {
            var verdict = plus.Length >= 2 || minus.Length >= 2 || cancelled.Length >= 2 || curvature.Length >= 2 ? TaylorVerdict.SecondOrder : TaylorVerdict.RoundingFloor;
            var within = Bound(s);
            double bound = Math.Max(analyticFloor, within.Bound);
            return orders.Result(verdict, within.Estimate, bound, bound, within.Pair);
        }

        bool kink = (Linear(plus, s.Remainders) && Right(minus, s.OppositeRemainders)) || (Linear(minus, s.OppositeRemainders) && Right(plus, s.Remainders));
        return orders.Result(kink ? TaylorVerdict.Kink : TaylorVerdict.NotSmooth);
    }

    /// <summary>
    /// The reading when the curvature-cancelled remainder falls as h over its last two halvings: a kink when the
    /// curvature's share falls as h too; a first-order term when it is the same at the last three steps, fades into the
    /// floor where a term of that size must, and exceeds the rounding it was read above; else not smooth, or right to
    /// within the floor.
    /// </summary>
    private static TaylorResult FirstOrderTerm(Orders orders, int[] cancelled, double analyticFloor)
    {
        var s = orders.Steps;
        int n = s.Steps.Length;

        // The curvature's share is as large and falls as h too: one side of θ bends, the other does not. A kink.
        int[] lastTwo = cancelled[^2..];
        double evenOrder = PairOrder(lastTwo[0], s.EvenRemainders, s.Steps);
        if (lastTwo.All(k => s.EvenRemainders[k] >= 0.5 * s.CancelledRemainders[k]) && evenOrder >= FirstLow && evenOrder <= FirstHigh)
        {
            return orders.Result(TaylorVerdict.Kink);
        }

        var last = cancelled[^3..].Select(k => s.Linear[k]).ToArray();

        // The term at the smallest step, its h² truncation removed with the step before (Richardson).
        double term = ((4 * last[2]) - last[1]) / 3;
        double smallest = last.Min(Math.Abs), largest = last.Max(Math.Abs);
        bool sameSign = last.All(a => Math.Sign(a) == Math.Sign(term));
        int end = cancelled[^1];
        bool fades = end == n - 1 || Math.Abs(term) * s.Steps[end + 1] <= 2 * Clean * s.Floor[end + 1];
        if (!sameSign || largest > Consistent * smallest || !fades)
        {
            return orders.Result(TaylorVerdict.NotSmooth);
        }

        // The term must exceed the rounding it was read above (each of the three steps is Clean times above its
        // floor, so the term is at least that at the largest of them) and the analytic gradient's own rounding.
        int first = cancelled[^3];
        double allowance = Math.Max(analyticFloor, Clean * s.Floor[first] / s.Steps[first]);
        if (Math.Abs(term) > allowance && Vanishes(s, term, end))
        {
            // Kinks on both sides of θ within the larger steps only (an end-to-end path through many ReLUs or
            // max-pools): the term is J's, not the gradient's.
            return orders.Result(TaylorVerdict.NotSmooth);
        }

        if (Math.Abs(term) > allowance)
        {
            return orders.Result(TaylorVerdict.FirstOrder, term, allowance: allowance, deciding: cancelled[^3..]);
        }

        var within = Bound(s);
        return orders.Result(TaylorVerdict.RoundingFloor, within.Estimate, Math.Max(allowance, within.Bound), Math.Max(allowance, within.Bound), within.Pair);
    }

    /// <summary>The samples read and the orders the result reports, whatever its verdict.</summary>
    private readonly record struct Orders(TaylorSteps Steps, double Order, double CancelledOrder)
    {
        public TaylorResult Result(TaylorVerdict verdict, double error = double.NaN, double bound = double.NaN, double allowance = double.NaN, int[]? deciding = null) =>
            new(verdict, Order, CancelledOrder, error, bound, Steps) { Allowance = allowance, Deciding = deciding ?? [] };
    }

    /// <summary>
    /// Whether the first-order term read at the larger steps is absent from the four smallest: there, on both sides, every
    /// remainder is below a quarter of term·h at the largest of them, where a term of the gradient would leave at least
    /// term·h at one and about half that at the next (rounding cannot cancel it at all eight samples). The larger steps
    /// then crossed kinks that the smaller ones do not reach: J bends at that scale, the gradient is not shown wrong.
    /// </summary>
    private static bool Vanishes(TaylorSteps s, double term, int end)
    {
        int n = s.Steps.Length, from = n - 4;
        if (from <= end)
        {
            return false;
        }

        double largest = 0;
        for (int k = from; k < n; k++)
        {
            largest = Math.Max(largest, Math.Max(s.Remainders[k], s.OppositeRemainders[k]));
        }

        return largest < 0.25 * Math.Abs(term) * s.Steps[from];
    }

    /// <summary>
    /// How large a first-order term can hide in the remainders: at each pair of steps, the Richardson combination of the
    /// curvature-cancelled terms (which removes their h² truncation) plus the rounding each carries, at the best pair.
    /// </summary>
    /// <returns>The bound, the extrapolated term at the best pair (the estimate of ⟨∇J − g, v⟩), and that pair's steps.</returns>
    private static (double Bound, double Estimate, int[] Pair) Bound(TaylorSteps s)
    {
        (double Bound, double Estimate, int[] Pair) best = (double.PositiveInfinity, 0, []);
        for (int k = 0; k + 1 < s.Steps.Length; k++)
        {
            if (!s.Moved(k, Clean) || !s.Moved(k + 1, Clean))
            {
                continue;
            }

            double extrapolated = ((4 * s.Linear[k + 1]) - s.Linear[k]) / 3;
            double rounding = ((s.Floor[k] / s.Steps[k]) + (4 * s.Floor[k + 1] / s.Steps[k + 1])) * 2 / 3;
            if (Math.Abs(extrapolated) + rounding < best.Bound)
            {
                best = (Math.Abs(extrapolated) + rounding, extrapolated, [k, k + 1]);
            }
        }

        return best;
    }

    /// <summary>The tail of a one-sided series <see cref="Sharp"/> times above the floor, or <see cref="Clean"/> times when that is too short.</summary>
    private static int[] Sharpest(double[] series, TaylorSteps s)
    {
        var sharp = Tail(series, s, moved: false, Sharp);
        return sharp.Length >= 2 ? sharp : Tail(series, s, moved: false, Clean);
    }

    /// <summary>The run of steps <paramref name="clean"/> times above the floor that ends at the smallest such step (indices, largest step first).</summary>
    private static int[] Tail(double[] series, TaylorSteps s, bool moved, double clean)
    {
        bool Above(int k) => series[k] > clean * s.Floor[k] && (!moved || s.Moved(k, Clean));
        int end = series.Length - 1;
        while (end >= 0 && !Above(end))
        {
            end--;
        }

        int start = end;
        while (start > 0 && Above(start - 1))
        {
            start--;
        }

        return end < 0 ? [] : Enumerable.Range(start, end - start + 1).ToArray();
    }

    /// <summary>The largest order the halving from step k can have when each remainder may be off by its floor.</summary>
    private static double HighestOrder(int k, double[] series, TaylorSteps s)
    {
        double below = series[k + 1] - s.Floor[k + 1];
        return below <= 0
            ? double.PositiveInfinity
            : Math.Log((series[k] + s.Floor[k]) / below) / Math.Log(s.Steps[k] / s.Steps[k + 1]);
    }

    private static double PairOrder(int k, double[] series, double[] steps) =>
        Math.Log(series[k] / series[k + 1]) / Math.Log(steps[k] / steps[k + 1]);

    /// <summary>The mean order of the last two halvings of a tail (of its one halving when it has two steps); NaN when shorter.</summary>
    private static double Order(int[] tail, double[] series, double[] steps) => tail.Length switch
    {
        < 2 => double.NaN,
        2 => PairOrder(tail[0], series, steps),
        _ => (PairOrder(tail[^3], series, steps) + PairOrder(tail[^2], series, steps)) / 2,
    };

    private static bool LastTwoWithin(int[] tail, double[] series, double[] steps, double low, double high) =>
        tail.Length >= 3 && new[] { tail[^3], tail[^2] }.All(k => PairOrder(k, series, steps) is var p && p >= low && p <= high);

    private static double Mean(double a, double b) =>
        double.IsNaN(a) ? b : double.IsNaN(b) ? a : (a + b) / 2;
}
