using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Where a derivative does not exist, a moving number gets what T's arithmetic gives (∞ or NaN); a number that does not
/// move keeps tangent 0 whatever the partial derivative there, so a constant never turns a result's tangent into NaN.
/// </summary>
public sealed class DomainEdgeTests
{
    private static readonly Dual<double> MovingZero = Dual<double>.Variable(0);
    private static readonly Dual<double> StillZero = Dual<double>.Constant(0);

    [Fact]
    public void Roots_at_zero_have_an_infinite_slope_when_moving_and_none_when_still()
    {
        Dual<double>.Sqrt(MovingZero).Tangent.ShouldBe(double.PositiveInfinity);
        Dual<double>.Cbrt(MovingZero).Tangent.ShouldBe(double.PositiveInfinity);
        Dual<double>.RootN(MovingZero, 4).Tangent.ShouldBe(double.PositiveInfinity);
        Dual<double>.Sqrt(StillZero).Tangent.ShouldBe(0);
        Dual<double>.Cbrt(StillZero).Tangent.ShouldBe(0);
    }

    [Fact]
    public void Logarithms_at_zero_have_an_infinite_slope()
    {
        var log = Dual<double>.Log(MovingZero);

        log.Value.ShouldBe(double.NegativeInfinity);
        log.Tangent.ShouldBe(double.PositiveInfinity);
        Dual<double>.Log(StillZero).Tangent.ShouldBe(0);
        Dual<double>.LogP1(Dual<double>.Variable(-1)).Tangent.ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void Outside_the_domain_the_value_is_NaN_and_so_is_the_tangent_where_the_slope_needs_a_root()
    {
        Dual<double>.Sqrt(Dual<double>.Variable(-1)).ShouldSatisfyAllConditions(
            d => double.IsNaN(d.Value).ShouldBeTrue(), d => double.IsNaN(d.Tangent).ShouldBeTrue());
        Dual<double>.Asin(Dual<double>.Variable(2)).ShouldSatisfyAllConditions(
            d => double.IsNaN(d.Value).ShouldBeTrue(), d => double.IsNaN(d.Tangent).ShouldBeTrue());
        Dual<double>.Acosh(Dual<double>.Variable(0.5)).ShouldSatisfyAllConditions(
            d => double.IsNaN(d.Value).ShouldBeTrue(), d => double.IsNaN(d.Tangent).ShouldBeTrue());
        Dual<double>.Asin(Dual<double>.Variable(1)).Tangent.ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void Powers_at_zero_follow_the_limits()
    {
        Dual<double>.Pow(MovingZero, 0.5).Tangent.ShouldBe(double.PositiveInfinity);
        Dual<double>.Pow(MovingZero, 2).Tangent.ShouldBe(0);
        Dual<double>.Pow(MovingZero, 0).ShouldSatisfyAllConditions(d => d.Value.ShouldBe(1), d => d.Tangent.ShouldBe(0));
        Dual<double>.Pow(StillZero, Dual<double>.Variable(2)).Tangent.ShouldBe(0);
        Dual<double>.Pow(2.0, Dual<double>.Variable(3)).Tangent.ShouldBe(8 * Math.Log(2), 1e-15);
    }

    [Fact]
    public void Angles_and_lengths_at_the_origin_have_no_slope_when_moving()
    {
        double.IsNaN(Dual<double>.Atan2(MovingZero, StillZero).Tangent).ShouldBeTrue();
        double.IsNaN(Dual<double>.Hypot(MovingZero, StillZero).Tangent).ShouldBeTrue();
        Dual<double>.Atan2(StillZero, StillZero).Tangent.ShouldBe(0);
        Dual<double>.Hypot(StillZero, StillZero).Tangent.ShouldBe(0);
    }

    [Fact]
    public void A_constant_times_an_infinite_constant_is_a_constant()
    {
        var infinite = Dual<double>.PositiveInfinity;

        (Dual<double>.Constant(2) * infinite).ShouldSatisfyAllConditions(d => d.Value.ShouldBe(double.PositiveInfinity), d => d.Tangent.ShouldBe(0));
        (Dual<double>.Variable(2) * infinite).Tangent.ShouldBe(double.PositiveInfinity);
        (Dual<double>.Constant(1) / StillZero).ShouldSatisfyAllConditions(d => d.Value.ShouldBe(double.PositiveInfinity), d => d.Tangent.ShouldBe(0));
        (Dual<double>.Variable(1) / StillZero).Tangent.ShouldBe(double.PositiveInfinity);
        (Dual<double>.Constant(1) / Dual<double>.Variable(0)).Tangent.ShouldBe(double.NegativeInfinity);
        Dual<double>.FusedMultiplyAdd(2.0, infinite, Dual<double>.Variable(1)).Tangent.ShouldBe(1);
    }

    [Fact]
    public void A_remainder_by_infinity_moves_with_the_dividend_only()
    {
        var r = new Dual<double>(5, 2) % new Dual<double>(double.PositiveInfinity, 3);

        r.Value.ShouldBe(5);
        r.Tangent.ShouldBe(2);
    }

    [Fact]
    public void Tanh_keeps_its_slope_where_its_value_rounds_to_one()
    {
        var saturated = Dual<double>.Tanh(Dual<double>.Variable(20));

        saturated.Value.ShouldBe(1);
        saturated.Tangent.ShouldBe(1 / (Math.Cosh(20) * Math.Cosh(20)), 1e-28);
        saturated.Tangent.ShouldBeGreaterThan(0);
    }
}
