using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>Inside a rounding-noise scope every dual number made carries one rounding of itself; outside, nothing changes.</summary>
public sealed class RoundingNoiseTests
{
    [Fact]
    public void Outside_a_scope_a_dual_number_keeps_the_tangent_it_was_given()
    {
        var x = new Dual<double>(3, 0) * new Dual<double>(0.1, 0);

        x.Tangent.ShouldBe(0);
    }

    [Fact]
    public void Inside_a_scope_a_result_carries_one_rounding_of_itself_and_the_roundings_it_was_made_from()
    {
        Dual<double> product;
        using (RoundingNoise.Start(7))
        {
            product = new Dual<double>(3, 0) * new Dual<double>(0.1, 0);
        }

        double u = Math.ScaleB(1, -53);
        Math.Abs(product.Tangent).ShouldBeGreaterThan(0);
        Math.Abs(product.Tangent).ShouldBeLessThanOrEqualTo(3 * u * 0.3 * 1.0000001);
        product.Value.ShouldBe(3 * 0.1);
    }

    [Fact]
    public void Scopes_do_not_nest_and_end_on_dispose()
    {
        using (RoundingNoise.Start(1))
        {
            Should.Throw<InvalidOperationException>(() => RoundingNoise.Start(2));
        }

        RoundingNoise.Active.ShouldBeFalse();
    }
}
