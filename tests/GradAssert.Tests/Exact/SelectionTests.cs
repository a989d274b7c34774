using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// The piecewise functions (Max, Min and their Number, Magnitude and Native forms, Clamp, Abs, CopySign, Sign): the value
/// is T's bit for bit over every pair of edge values, and the tangent is that of the operand whose value T's function
/// returned: the slope of the branch taken. At a tie, the first operand's (the Native forms: y's, as x &gt; y ? x : y).
/// </summary>
public sealed class SelectionTests
{
    public static TheoryData<string> Names => [.. Selections<double>().Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Returns_Ts_value_and_the_chosen_operands_tangent_in_double(string name) =>
        ReturnsAnOperandWhole(Selections<double>()[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Returns_Ts_value_and_the_chosen_operands_tangent_in_float(string name) =>
        ReturnsAnOperandWhole(Selections<float>()[name]);

    [Fact]
    public void Clamp_returns_Ts_value_and_the_chosen_operands_tangent()
    {
        ClampReturnsAnOperandWhole<double>(Dual<double>.Clamp, double.Clamp);
        ClampReturnsAnOperandWhole<float>(Dual<float>.Clamp, float.Clamp);
        ClampReturnsAnOperandWhole<double>(Dual<double>.ClampNative, double.ClampNative);
        ClampReturnsAnOperandWhole<float>(Dual<float>.ClampNative, float.ClampNative);
    }

    [Fact]
    public void Clamp_with_its_bounds_the_wrong_way_round_throws_as_T_does()
    {
        Should.Throw<ArgumentException>(() => double.Clamp(0, 1, -1));
        Should.Throw<ArgumentException>(() => Dual<double>.Clamp(0, 1, -1));
    }

    [Fact]
    public void At_a_bound_clamp_keeps_the_values_own_tangent()
    {
        Dual<double>.Clamp(new(-1, 5), new(-1, 7), new(1, 9)).Tangent.ShouldBe(5);
        Dual<double>.Clamp(new(1, 5), new(-1, 7), new(1, 9)).Tangent.ShouldBe(5);
        Dual<double>.Clamp(new(-2, 5), new(-1, 7), new(1, 9)).Tangent.ShouldBe(7);
        Dual<double>.Clamp(new(2, 5), new(-1, 7), new(1, 9)).Tangent.ShouldBe(9);
    }

    [Fact]
    public void At_a_tie_the_first_operand_gives_the_tangent()
    {
        Dual<double>.Max(new(1, 5), new(1, 7)).Tangent.ShouldBe(5);
        Dual<double>.Min(new(-1, 5), new(-1, 7)).Tangent.ShouldBe(5);
        Dual<double>.MaxMagnitude(new(-2, 5), new(-2, 7)).Tangent.ShouldBe(5);
        Dual<double>.MaxNative(new(1, 5), new(1, 7)).Tangent.ShouldBe(7);     // as x > y ? x : y
    }

    [Fact]
    public void Signed_zeros_are_not_a_tie()
    {
        Dual<double>.Max(new(-0.0, 5), new(0.0, 7)).ShouldSatisfyAllConditions(d => d.Tangent.ShouldBe(7), d => double.IsNegative(d.Value).ShouldBeFalse());
        Dual<double>.Min(new(0.0, 5), new(-0.0, 7)).ShouldSatisfyAllConditions(d => d.Tangent.ShouldBe(7), d => double.IsNegative(d.Value).ShouldBeTrue());
    }

    [Fact]
    public void A_NaN_operand_gives_its_tangent_to_the_NaN_result()
    {
        Dual<double>.Max(new(1, 5), new(double.NaN, 7)).Tangent.ShouldBe(7);
        Dual<double>.MaxNumber(new(1, 5), new(double.NaN, 7)).Tangent.ShouldBe(5);
        Dual<double>.Clamp(new(double.NaN, 5), new(-1, 7), new(1, 9)).Tangent.ShouldBe(5);
    }

    [Fact]
    public void Abs_follows_the_sign_bit_it_clears()
    {
        Dual<double>.Abs(new(-3, 2)).ShouldSatisfyAllConditions(d => d.Value.ShouldBe(3), d => d.Tangent.ShouldBe(-2));
        Dual<double>.Abs(new(3, 2)).Tangent.ShouldBe(2);
        Dual<double>.Abs(new(0.0, 2)).Tangent.ShouldBe(2);
        Dual<double>.Abs(new(-0.0, 2)).Tangent.ShouldBe(-2);
    }

    [Fact]
    public void Copy_sign_negates_the_tangent_when_the_sign_changes_and_ignores_the_signs_tangent()
    {
        foreach (double x in DualPoints.Edges<double>())
        {
            foreach (double sign in DualPoints.Edges<double>())
            {
                var got = Dual<double>.CopySign(new(x, 2), new(sign, 3));

                DualPoints.SameBits(got.Value, double.CopySign(x, sign)).ShouldBeTrue($"CopySign({x}, {sign})");
                got.Tangent.ShouldBe(double.IsNegative(x) == double.IsNegative(sign) ? 2 : -2, $"CopySign({x}, {sign})");
            }
        }
    }

    [Fact]
    public void Sign_is_Ts_sign_of_the_value_and_throws_for_NaN_as_T_does()
    {
        foreach (float x in DualPoints.All<float>().Where(x => !float.IsNaN(x)))
        {
            Dual<float>.Sign(new(x, 1)).ShouldBe(float.Sign(x));
        }

        Should.Throw<ArithmeticException>(() => Dual<double>.Sign(Dual<double>.NaN));
    }

    private static Dictionary<string, (Func<Dual<T>, Dual<T>, Dual<T>> Dual, Func<T, T, T> Own)> Selections<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => new()
        {
            ["Max"] = (Dual<T>.Max, T.Max),
            ["Min"] = (Dual<T>.Min, T.Min),
            ["MaxNumber"] = (Dual<T>.MaxNumber, T.MaxNumber),
            ["MinNumber"] = (Dual<T>.MinNumber, T.MinNumber),
            ["MaxMagnitude"] = (Dual<T>.MaxMagnitude, T.MaxMagnitude),
            ["MinMagnitude"] = (Dual<T>.MinMagnitude, T.MinMagnitude),
            ["MaxMagnitudeNumber"] = (Dual<T>.MaxMagnitudeNumber, T.MaxMagnitudeNumber),
            ["MinMagnitudeNumber"] = (Dual<T>.MinMagnitudeNumber, T.MinMagnitudeNumber),
            ["MaxNative"] = (Dual<T>.MaxNative, T.MaxNative),
            ["MinNative"] = (Dual<T>.MinNative, T.MinNative),
        };

    private static void ReturnsAnOperandWhole<T>((Func<Dual<T>, Dual<T>, Dual<T>> Dual, Func<T, T, T> Own) f)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (dual, own) = f;
        T[] points = [.. DualPoints.Edges<T>(), .. DualPoints.Random<T>(3, 8)];
        var wrong = new List<string>();
        foreach (T x in points)
        {
            foreach (T y in points)
            {
                var got = dual(new(x, DualPoints.Of<T>(1)), new(y, DualPoints.Of<T>(2)));
                if (!DualPoints.SameBits(got.Value, own(x, y)) || !OperandsTangent(got, [x, y]))
                {
                    wrong.Add($"({DualPoints.Show(x)}, {DualPoints.Show(y)}): {got.ToDualString()}, T gives {DualPoints.Show(own(x, y))}");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    private static void ClampReturnsAnOperandWhole<T>(Func<Dual<T>, Dual<T>, Dual<T>, Dual<T>> dual, Func<T, T, T, T> own)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] points = [.. DualPoints.Edges<T>(), .. DualPoints.Random<T>(4, 6)];
        var wrong = new List<string>();
        foreach (T value in points)
        {
            foreach (T min in points)
            {
                foreach (T max in points.Where(max => !(min > max)))
                {
                    var got = dual(new(value, DualPoints.Of<T>(1)), new(min, DualPoints.Of<T>(2)), new(max, DualPoints.Of<T>(3)));
                    if (!DualPoints.SameBits(got.Value, own(value, min, max)) || !OperandsTangent(got, [value, min, max]))
                    {
                        wrong.Add($"({value}, {min}, {max}): {got.ToDualString()}, T gives {own(value, min, max)}");
                    }
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    /// <summary>True when the tangent (operand k's is k + 1) is that of an operand whose value has the result's bits.</summary>
    private static bool OperandsTangent<T>(Dual<T> got, T[] operands) where T : unmanaged, IFloatingPointIeee754<T> =>
        operands.Select((o, k) => (o, k)).Any(p => DualPoints.SameBits(p.o, got.Value) && got.Tangent == DualPoints.Of<T>(p.k + 1))
        || (T.IsNaN(got.Value) && operands.Any(T.IsNaN));
}
