using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Inside a rounding-noise scope every dual number of dual numbers made carries one rounding of itself: a sum's or a
/// difference's actual rounding, a product's actual rounding of its value and a random one of its tangent, a float eˣ's
/// actual rounding (against double's), a constant's actual rounding (none for 0, 1 or −1), any other result's a random
/// one; outside, and at a dual number of a plain type always, nothing changes.
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
    public void A_sum_difference_or_product_carries_its_actual_rounding()
    {
        // Random roundings of equal size cancel where real ones do not (a double attention's a·(dA − Σ dA·a) at a ≈ 1
        // read 0 in four samples while the real rounding put the gradient 1.4e-7 off), and lean nowhere where real ones
        // lean: the value parts of these three carry exactly the computed result less the exact one.
        var (a, b) = (0.1, 0.7);
        var (x, y) = (Dual<Dual<double>>.Constant(a), Dual<Dual<double>>.Constant(b)); // made outside: no rounding of their own
        Dual<Dual<double>> sum, difference, product;
        using (RoundingNoise.Start(3))
        {
            (sum, difference, product) = (x + y, x - y, x * y);
        }

        sum.Tangent.Value.ShouldBe(-TwoSumError(a, b));
        difference.Tangent.Value.ShouldBe(-TwoSumError(a, -b));
        product.Tangent.Value.ShouldBe(-Math.FusedMultiplyAdd(a, b, -(a * b)));
        new[] { sum, difference, product }.ShouldAllBe(r => r.Tangent.Value != 0);
    }

    [Fact]
    public void Exact_arithmetic_carries_no_rounding()
    {
        var (x, one) = (Dual<Dual<double>>.Constant(7.4), Dual<Dual<double>>.Constant(1));
        using (RoundingNoise.Start(5))
        {
            ((x * one) - (x * one)).Tangent.Value.ShouldBe(0);
        }
    }

    [Fact]
    public void A_value_added_many_times_carries_the_lean_of_its_roundings()
    {
        // 0.1f added 4,096 times rounds the same way at most additions; the first-order sum of its actual roundings is
        // how far the float sum is from 4,096 × 0.1f (a random sample puts it at the square root of that).
        var step = Dual<Dual<float>>.Constant(0.1f);
        var sum = Dual<Dual<float>>.Constant(0);
        using (RoundingNoise.Start(9))
        {
            for (int k = 0; k < 4096; k++)
            {
                sum += step;
            }
        }

        double actual = sum.Value.Value - (4096 * (double)0.1f);
        actual.ShouldNotBe(0);
        ((double)sum.Tangent.Value).ShouldBe(actual, Math.Abs(actual) * 1e-3);
    }

    [Fact]
    public void A_constant_its_type_holds_exactly_carries_no_rounding_and_a_converted_one_its_actual_rounding()
    {
        // A random rounding of the 1 in eˣ − 1 said the float result near x = 1e-6 was 1% uncertain, where it is not.
        Dual<Dual<float>> one, zero, seven, tenth;
        using (RoundingNoise.Start(11))
        {
            (one, zero, seven, tenth) = (Dual<Dual<float>>.One, Dual<Dual<float>>.Zero, Dual<Dual<float>>.CreateChecked(7), Dual<Dual<float>>.CreateChecked(0.1));
        }

        new[] { one, zero, seven }.ShouldAllBe(c => c.Tangent.Value == 0);
        tenth.Tangent.Value.ShouldBe((float)((double)0.1f - 0.1));
        tenth.Tangent.Value.ShouldNotBe(0);
    }

    [Fact]
    public void A_float_exponential_carries_its_actual_rounding_and_its_tangent_the_same()
    {
        // eˣ at x = −5.5e-6 in float is 1.7e-8 above eˣ: eˣ − 1 there is 0.3% off, where a random rounding allowed 2%.
        const float x = -5.50064988e-6f;
        var argument = Dual<Dual<float>>.Constant(new Dual<float>(x, 1)); // made outside the scope: no rounding of its own
        Dual<Dual<float>> exp;
        using (RoundingNoise.Start(13))
        {
            exp = Dual<Dual<float>>.Exp(argument);
        }

        double actual = (double)MathF.Exp(x) - Math.Exp(x);
        actual.ShouldNotBe(0);
        ((double)exp.Tangent.Value).ShouldBe(actual, Math.Abs(actual) * 1e-6);
        ((double)exp.Tangent.Tangent).ShouldBe(actual, Math.Abs(actual) * 1e-6); // the tangent eˣ·1 is computed from the same rounded eˣ
    }

    [Fact]
    public void A_double_exponential_keeps_a_random_rounding()
    {
        // No wider type computes double's eˣ here: its rounding stays a random one of its size.
        var argument = Dual<Dual<double>>.Constant(0.3);
        Dual<Dual<double>> exp;
        using (RoundingNoise.Start(17))
        {
            exp = Dual<Dual<double>>.Exp(argument);
        }

        Math.Abs(exp.Tangent.Value).ShouldBeInRange(0.5 * Math.ScaleB(1, -53) * Math.Exp(0.3), 1.5 * Math.ScaleB(1, -53) * Math.Exp(0.3) * 1.0000001);
    }

    private static double TwoSumError(double a, double b)
    {
        double s = a + b, aPart = s - b, bPart = s - aPart;
        return (a - aPart) + (b - bPart);
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
