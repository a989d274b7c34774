using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Inside a rounding-noise scope every dual number of dual numbers made carries one rounding of itself; outside, and at a
/// dual number of a plain type always, nothing changes.
/// </summary>
public sealed class RoundingNoiseTests
{
    [Fact]
    public void Outside_a_scope_a_dual_number_keeps_the_tangent_it_was_given()
    {
        var x = new Dual<double>(3, 0) * new Dual<double>(0.1, 0);

        x.Tangent.ShouldBe(0);
    }

    [Fact]
    public void Inside_a_scope_a_nested_result_carries_one_rounding_of_itself_and_the_roundings_it_was_made_from()
    {
        Dual<Dual<double>> product;
        using (RoundingNoise.Start(7))
        {
            product = Dual<Dual<double>>.Constant(3) * Dual<Dual<double>>.Constant(0.1);
        }

        double u = Math.ScaleB(1, -53);
        Math.Abs(product.Tangent.Value).ShouldBeGreaterThan(0);
        Math.Abs(product.Tangent.Value).ShouldBeLessThanOrEqualTo(3 * u * 0.3 * 1.0000001);
        product.Tangent.Tangent.ShouldBe(0);
        product.Value.Value.ShouldBe(3 * 0.1);
    }

    [Fact]
    public void Inside_a_scope_a_dual_number_of_a_plain_type_keeps_its_tangent()
    {
        Dual<double> product;
        using (RoundingNoise.Start(7))
        {
            product = new Dual<double>(3, 0) * new Dual<double>(0.1, 0);
        }

        product.Tangent.ShouldBe(0);
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
