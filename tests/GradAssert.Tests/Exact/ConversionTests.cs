using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Generic math conversions: into a dual number, T's conversion of the number with tangent 0 (a dual number keeps its
/// tangent); out of one, T's conversion of the value part, overflow rules included.
/// </summary>
public sealed class ConversionTests
{
    [Fact]
    public void From_a_primitive_the_value_is_Ts_conversion_and_the_tangent_zero()
    {
        IntoDual<double>();
        IntoDual<float>();
    }

    [Fact]
    public void To_a_primitive_the_value_part_converts_as_T_would()
    {
        OutOfDual<double>();
        OutOfDual<float>();
    }

    [Fact]
    public void A_checked_conversion_that_overflows_throws_as_T_does()
    {
        Should.Throw<OverflowException>(() => int.CreateChecked(1e20));
        Should.Throw<OverflowException>(() => int.CreateChecked(new Dual<double>(1e20, 1)));
        Should.Throw<OverflowException>(() => byte.CreateChecked(new Dual<float>(-1, 0)));
    }

    [Fact]
    public void Saturating_and_truncating_conversions_out_follow_T()
    {
        int.CreateSaturating(new Dual<double>(1e20, 1)).ShouldBe(int.CreateSaturating(1e20));
        int.CreateSaturating(new Dual<double>(double.NaN, 1)).ShouldBe(int.CreateSaturating(double.NaN));
        long.CreateTruncating(new Dual<float>(-3.7f, 1)).ShouldBe(long.CreateTruncating(-3.7f));
        Half.CreateSaturating(new Dual<double>(1e10, 1)).ShouldBe(Half.CreateSaturating(1e10));
    }

    [Fact]
    public void A_dual_number_of_another_part_type_keeps_its_tangent()
    {
        var fromFloat = Dual<double>.CreateChecked(new Dual<float>(1.5f, 0.1f));
        var fromDouble = Dual<float>.CreateTruncating(new Dual<double>(1.5, 0.1));
        var saturated = Dual<float>.CreateSaturating(new Dual<double>(1e300, -1e300));

        fromFloat.ShouldBe(new Dual<double>(1.5, 0.1f));
        fromFloat.Tangent.ShouldBe((double)0.1f);
        fromDouble.Tangent.ShouldBe(0.1f);
        saturated.Value.ShouldBe(float.CreateSaturating(1e300));
        saturated.Tangent.ShouldBe(float.CreateSaturating(-1e300));
    }

    [Fact]
    public void A_dual_number_of_the_same_type_converts_to_itself()
    {
        var x = new Dual<double>(2, 3);

        Dual<double>.CreateChecked(x).Tangent.ShouldBe(3);
        Dual<double>.CreateSaturating(x).Tangent.ShouldBe(3);
        Dual<double>.CreateTruncating(x).Tangent.ShouldBe(3);
    }

    [Fact]
    public void Converting_to_an_integer_is_Ts_conversion_of_the_value()
    {
        foreach (double x in DualPoints.All<double>())
        {
            Dual<double>.ConvertToInteger<int>(new(x, 1)).ShouldBe(double.ConvertToInteger<int>(x));
            Dual<double>.ConvertToIntegerNative<long>(new(x, 1)).ShouldBe(double.ConvertToIntegerNative<long>(x));
            Dual<double>.ILogB(new(x, 1)).ShouldBe(double.ILogB(x));
        }
    }

    private static void IntoDual<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        Into<T, int>([0, 1, -7, int.MaxValue, int.MinValue]);
        Into<T, long>([long.MaxValue, -123456789012345]);
        Into<T, ulong>([ulong.MaxValue, 3]);
        Into<T, byte>([255, 0]);
        Into<T, Int128>([Int128.MaxValue, Int128.MinValue]);
        Into<T, decimal>([0.1m, -12345.678m]);
        Into<T, Half>([Half.MaxValue, Half.Epsilon, Half.NaN]);
        Into<T, float>(DualPoints.All<float>());
        Into<T, double>(DualPoints.All<double>());
        Into<T, BigInteger>([BigInteger.Pow(10, 40), -BigInteger.One]);
    }

    private static void Into<T, TOther>(TOther[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOther : INumberBase<TOther>
    {
        foreach (var value in values)
        {
            (Dual<T> Dual, T Own)[] conversions =
            [
                (Dual<T>.CreateChecked(value), T.CreateChecked(value)),
                (Dual<T>.CreateSaturating(value), T.CreateSaturating(value)),
                (Dual<T>.CreateTruncating(value), T.CreateTruncating(value)),
            ];
            foreach (var (dual, own) in conversions)
            {
                DualPoints.SameBits(dual.Value, own).ShouldBeTrue($"{typeof(TOther).Name} {value} into {typeof(T).Name}");
                T.IsZero(dual.Tangent).ShouldBeTrue();
            }
        }
    }

    private static void OutOfDual<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] finite = [.. DualPoints.All<T>().Where(T.IsFinite).Where(x => T.Abs(x) < DualPoints.Of<T>(1e9))];
        OutOf(finite, v => int.CreateChecked(v), v => int.CreateChecked(v));
        OutOf(DualPoints.All<T>(), v => long.CreateSaturating(v), v => long.CreateSaturating(v));
        OutOf(DualPoints.All<T>(), v => short.CreateTruncating(v), v => short.CreateTruncating(v));
        OutOf(DualPoints.All<T>(), v => double.CreateChecked(v), v => double.CreateChecked(v));
        OutOf(DualPoints.All<T>(), v => float.CreateSaturating(v), v => float.CreateSaturating(v));
        OutOf(DualPoints.All<T>(), v => Half.CreateTruncating(v), v => Half.CreateTruncating(v));
        OutOf(finite, v => decimal.CreateChecked(v), v => decimal.CreateChecked(v));
    }

    private static void OutOf<T, TOther>(T[] values, Func<Dual<T>, TOther> dual, Func<T, TOther> own)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOther : INumberBase<TOther>
    {
        foreach (T value in values)
        {
            var got = dual(new(value, T.Zero));
            var want = own(value);
            (got.Equals(want) || (TOther.IsNaN(got) && TOther.IsNaN(want))).ShouldBeTrue($"{value} to {typeof(TOther).Name}: {got}, T gives {want}");
        }
    }
}
