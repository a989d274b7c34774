namespace GradAssert.Tests.Taylor;

/// <summary>
/// The reading of a Taylor test on remainders of known shape: E(t) = J(θ+tv) − J(θ) − t⟨g, v⟩ made up as a first-order
/// term, curvature, a one-sided bend or noise, with a known rounding floor.
/// </summary>
public sealed class TaylorReadingTests
{
    private const double H = 1e-3;

    [Fact]
    public void Remainder_of_order_h_squared_reads_second_order()
    {
        var result = TaylorReading.Read(Series(t => 0.5 * t * t), analyticFloor: 0);

        result.Verdict.ShouldBe(TaylorVerdict.SecondOrder);
        result.Order.ShouldBe(2, 0.05);
        result.OrderText.ShouldBe("2.00");
    }

    [Fact]
    public void Remainder_of_order_h_reads_first_order_and_measures_the_term()
    {
        var result = TaylorReading.Read(Series(t => (2e-3 * t) + (0.1 * t * t)), analyticFloor: 0);

        result.Verdict.ShouldBe(TaylorVerdict.FirstOrder);
        result.Order.ShouldBe(1, 0.1);
        result.DerivativeError.ShouldBe(2e-3, 1e-5);
    }

    [Fact]
    public void Curvature_that_hides_a_first_order_term_is_cancelled_by_the_plus_and_minus_samples()
    {
        var result = TaylorReading.Read(Series(t => (1e-6 * t) + (0.5 * t * t)), analyticFloor: 0);

        result.Order.ShouldBeGreaterThan(1.6, "one-sided, the curvature dominates at every step");
        result.CancelledOrder.ShouldBe(1, 0.1);
        result.Verdict.ShouldBe(TaylorVerdict.FirstOrder);
        result.OrderText.ShouldBe("1.00 (±h)");
        result.DerivativeError.ShouldBe(1e-6, 1e-8);
    }

    [Fact]
    public void Bend_on_one_side_only_reads_as_a_kink_not_a_wrong_gradient()
    {
        // ReLU-like: the slope changes by 0.5 at 1e-4 to the right of θ, inside the larger steps.
        var result = TaylorReading.Read(Series(t => t > 1e-4 ? 0.5 * (t - 1e-4) : 0), analyticFloor: 0);

        result.Verdict.ShouldBeOneOf(TaylorVerdict.Kink, TaylorVerdict.NotSmooth);
        result.Verdict.ShouldNotBe(TaylorVerdict.FirstOrder);
    }

    [Fact]
    public void Bends_on_both_sides_that_only_the_larger_steps_reach_are_not_a_wrong_gradient()
    {
        // An end-to-end path through many ReLUs: J bends at H/4 on both sides of θ (slope changes 0.4 and 0.2), and is
        // linear with the right slope closer in. The larger steps read a steady first-order term above a pessimistic
        // floor; the four smallest show none at all, which no wrong gradient can do.
        const double D = H / 4;
        var result = TaylorReading.Read(Series(t => t > D ? 0.4 * (t - D) : t < -D ? 0.2 * (t + D) : 0, floor: 3e-5), analyticFloor: 0);

        result.Verdict.ShouldBe(TaylorVerdict.NotSmooth);
    }

    [Fact]
    public void First_order_term_under_a_pessimistic_floor_at_the_smaller_steps_is_still_wrong()
    {
        // The same floor, and a real term of 0.2: the smaller steps are under the floor but still carry it.
        var result = TaylorReading.Read(Series(t => (0.2 * t) + (0.1 * t * t), floor: 3e-5), analyticFloor: 0);

        result.Verdict.ShouldBe(TaylorVerdict.FirstOrder);
        result.DerivativeError.ShouldBe(0.2, 0.01);
    }

    [Fact]
    public void Remainder_below_the_floor_at_every_step_reads_the_floor_and_bounds_the_term()
    {
        var result = TaylorReading.Read(Series(t => 1e-13 * Math.Sign(t), floor: 1e-12), analyticFloor: 0);

        result.Verdict.ShouldBe(TaylorVerdict.RoundingFloor);
        result.Order.ShouldBe(double.NaN);
        result.Bound.ShouldBeLessThan(1e-8);
        result.OrderText.ShouldBe("floor");
    }

    [Fact]
    public void First_order_term_within_the_analytic_gradients_rounding_is_not_called_wrong()
    {
        var result = TaylorReading.Read(Series(t => 1e-9 * t, floor: 1e-18), analyticFloor: 1e-8);

        result.Verdict.ShouldNotBe(TaylorVerdict.FirstOrder);
    }

    [Fact]
    public void Rounding_noise_alone_never_reads_first_order()
    {
        var rng = Rng.For(11, 0);
        for (int trial = 0; trial < 2000; trial++)
        {
            double amplitude = Math.Pow(10, -14 + (6 * rng.NextDouble()));
            var result = TaylorReading.Read(Series(_ => amplitude * ((2 * rng.NextDouble()) - 1), floor: 1e-15), analyticFloor: 0);

            result.Verdict.ShouldNotBe(TaylorVerdict.FirstOrder, $"trial {trial}, noise {amplitude:G3}");
        }
    }

    [Fact]
    public void First_order_term_is_read_through_rounding_noise_above_it()
    {
        var rng = Rng.For(12, 0);
        var result = TaylorReading.Read(Series(t => (1e-5 * t) + (0.2 * t * t) + (1e-12 * ((2 * rng.NextDouble()) - 1)), floor: 1e-13), analyticFloor: 0);

        result.Verdict.ShouldBe(TaylorVerdict.FirstOrder);
        result.DerivativeError.ShouldBe(1e-5, 2e-6);
    }

    /// <summary>
    /// The samples of a test along a direction with ⟨g, v⟩ = 1 and remainder <paramref name="remainder"/>(t) at the
    /// signed steps t = ±H·2^k, with each sample's own rounding at <paramref name="floor"/>.
    /// </summary>
    private static TaylorSteps Series(Func<double, double> remainder, double floor = 1e-15)
    {
        const double Eps = 1.0 / (1L << 52);
        Sample At(double t) => new(t, t + remainder(t), t, floor / Eps);
        var plus = TaylorSteps.Multiples.Select(m => At(m * H)).ToArray();
        var minus = TaylorSteps.Multiples.Select(m => At(-m * H)).ToArray();
        return new TaylorSteps(H, plus, minus, Eps, floor: 0);
    }
}
