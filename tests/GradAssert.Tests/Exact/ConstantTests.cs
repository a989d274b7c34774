using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>Constants are T's own constants with tangent 0; the ways to make a dual number say what they seed.</summary>
public sealed class ConstantTests
{
    [Fact]
    public void Every_constant_is_Ts_own_with_tangent_zero()
    {
        ConstantsAreTs<double>();
        ConstantsAreTs<float>();
    }

    [Fact]
    public void A_variable_has_tangent_one_and_a_constant_tangent_zero()
    {
        Dual<double>.Variable(2.5).ShouldBe(new Dual<double>(2.5, 1));
        Dual<double>.Variable(2.5).Tangent.ShouldBe(1);
        Dual<float>.Constant(2.5f).Tangent.ShouldBe(0);
        Dual<float>.Constant(2.5f).Value.ShouldBe(2.5f);
    }

    [Fact]
    public void A_T_converts_implicitly_to_a_constant()
    {
        Dual<double> x = 4.0;

        x.Value.ShouldBe(4);
        x.Tangent.ShouldBe(0);
        (Dual<double>.Variable(3) * 2.0).Tangent.ShouldBe(2);
    }

    [Fact]
    public void Deconstruction_gives_value_and_tangent()
    {
        var (value, tangent) = new Dual<float>(1.5f, -0.25f);

        value.ShouldBe(1.5f);
        tangent.ShouldBe(-0.25f);
    }

    [Fact]
    public void The_default_is_zero_with_tangent_zero()
    {
        default(Dual<double>).Value.ShouldBe(0);
        default(Dual<double>).Tangent.ShouldBe(0);
    }

    private static void ConstantsAreTs<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        (Dual<T> Dual, T Own, string Name)[] constants =
        [
            (Dual<T>.Zero, T.Zero, "Zero"), (Dual<T>.One, T.One, "One"), (Dual<T>.NegativeOne, T.NegativeOne, "NegativeOne"),
            (Dual<T>.NegativeZero, T.NegativeZero, "NegativeZero"), (Dual<T>.Pi, T.Pi, "Pi"), (Dual<T>.E, T.E, "E"),
            (Dual<T>.Tau, T.Tau, "Tau"), (Dual<T>.NaN, T.NaN, "NaN"), (Dual<T>.Epsilon, T.Epsilon, "Epsilon"),
            (Dual<T>.PositiveInfinity, T.PositiveInfinity, "PositiveInfinity"),
            (Dual<T>.NegativeInfinity, T.NegativeInfinity, "NegativeInfinity"),
            (Identities<Dual<T>>.Additive, T.AdditiveIdentity, "AdditiveIdentity"),
            (Identities<Dual<T>>.Multiplicative, T.MultiplicativeIdentity, "MultiplicativeIdentity"),
        ];
        foreach (var (dual, own, name) in constants)
        {
            DualPoints.SameBits(dual.Value, own).ShouldBeTrue(name);
            DualPoints.SameBits(dual.Tangent, T.Zero).ShouldBeTrue(name);
        }

        Identities<Dual<T>>.Radix.ShouldBe(T.Radix);
    }

    /// <summary>The identities and radix as generic code reaches them, through the interfaces.</summary>
    private static class Identities<TNumber> where TNumber : INumberBase<TNumber>
    {
        public static TNumber Additive => TNumber.AdditiveIdentity;

        public static TNumber Multiplicative => TNumber.MultiplicativeIdentity;

        public static int Radix => TNumber.Radix;
    }
}
