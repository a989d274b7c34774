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

        // Three roundings (of 3, of 0.1 and of the product), each at most 1.5 units of its value.
        double u = Math.ScaleB(1, -53);
        Math.Abs(product.Tangent.Value).ShouldBeGreaterThan(0);
        Math.Abs(product.Tangent.Value).ShouldBeLessThanOrEqualTo(3 * 1.5 * u * 0.3 * 1.0000001);
        product.Tangent.Tangent.ShouldBe(0);
        product.Value.Value.ShouldBe(3 * 0.1);
    }

    [Fact]
    public void Roundings_of_equal_size_never_cancel_to_an_empty_sample()
    {
        // x·1 − x·1 rounds two products of the same size. With a random sign alone the sample reads 0 in half the
        // scopes; a double attention's backward, a·(dA − Σ dA·a) at a ≈ 1, sums four roundings of 7.4, and all four
        // samples of one check read 0 while the real rounding put the gradient 1.4e-7 off its exact derivative.
        int empty = Enumerable.Range(1, 64).Count(seed =>
        {
            var x = Dual<Dual<double>>.Constant(7.4);
            var one = Dual<Dual<double>>.Constant(1);
            using (RoundingNoise.Start((ulong)seed))
            {
                return ((x * one) - (x * one)).Tangent.Value == 0;
            }
        });

        empty.ShouldBe(0);
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
