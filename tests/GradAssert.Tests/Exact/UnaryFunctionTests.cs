using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Every function of one dual number, member by member, in double and float: the value part is T's own result bit for
/// bit at IEEE edge values and seeded points; the tangent is the derivative rule times the seed, and agrees with a central
/// finite difference where the function is smooth; a constant stays constant.
/// </summary>
public sealed class UnaryFunctionTests
{
    public static TheoryData<string> Names => UnaryCases<double>.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_part_is_Ts_own_result_bit_for_bit_in_double(string name) => ValueIsOwn(UnaryCases<double>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_part_is_Ts_own_result_bit_for_bit_in_float(string name) => ValueIsOwn(UnaryCases<float>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Tangent_is_the_derivative_rule_times_the_seed_in_double(string name) => TangentFollowsRule(UnaryCases<double>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Tangent_is_the_derivative_rule_times_the_seed_in_float(string name) => TangentFollowsRule(UnaryCases<float>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Tangent_agrees_with_a_central_difference_in_double(string name) => TangentMatchesDifference(UnaryCases<double>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Tangent_agrees_with_a_central_difference_in_float(string name) => TangentMatchesDifference(UnaryCases<float>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_constant_stays_constant_everywhere_in_double(string name) => ConstantStaysConstant(UnaryCases<double>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void A_constant_stays_constant_everywhere_in_float(string name) => ConstantStaysConstant(UnaryCases<float>.All[name]);

    [Fact]
    public void The_finite_difference_check_catches_a_rule_off_by_a_millionth()
    {
        double x = 0.7, fd = Slopes.CentralDifference(h => Math.Sin(x + h));

        Slopes.Agree(Math.Cos(x), fd, Slopes.DifferenceTolerance<double>()).ShouldBeTrue();
        Slopes.Agree(Math.Cos(x) * (1 + 1e-6), fd, Slopes.DifferenceTolerance<double>()).ShouldBeFalse();
    }

    private static void ValueIsOwn<T>(UnaryCase<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var wrong = new List<string>();
        foreach (T x in DualPoints.All<T>())
        {
            T own = f.Own(x);
            foreach (T tangent in new[] { T.Zero, T.One, DualPoints.Of<T>(-2.5) })
            {
                T got = f.Dual(new Dual<T>(x, tangent)).Value;
                if (!DualPoints.SameBits(got, own))
                {
                    wrong.Add($"at {DualPoints.Show(x)} (tangent {tangent}): {DualPoints.Show(got)}, T gives {DualPoints.Show(own)}");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    private static void TangentFollowsRule<T>(UnaryCase<T> f) where T : unmanaged, IFloatingPointIeee754<T> =>
        TangentsAgree(f, 11, "rule", Slopes.RuleTolerance<T>(), (x, seed) => (seed * f.Rule(x), 0));

    private static void TangentMatchesDifference<T>(UnaryCase<T> f) where T : unmanaged, IFloatingPointIeee754<T> =>
        TangentsAgree(f, 12, "central difference", Slopes.DifferenceTolerance<T>(), (x, seed) =>
        {
            double scale = Math.Max(1, Math.Abs(x));
            double difference = Slopes.CentralDifference(h => f.Reference(x + (seed * h * scale))) / scale;
            return (difference, 1e-9 * Math.Abs(seed) * (1 + Math.Abs(f.Reference(x))) / scale);
        });

    /// <summary>
    /// At each smooth point, with a drawn seed: the tangent against what <paramref name="expected"/> gives for (x, seed),
    /// within <paramref name="relative"/> or the floor it gives.
    /// </summary>
    private static void TangentsAgree<T>(
        UnaryCase<T> f, int draws, string reference, double relative, Func<double, double, (double Want, double Floor)> expected)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(draws);
        var wrong = new List<string>();
        foreach (T point in SmoothPoints(f))
        {
            double x = DualPoints.AsDouble(point), seed = DualPoints.AsDouble(DualPoints.Of<T>(DualPoints.Seed(random)));
            double got = DualPoints.AsDouble(f.Dual(new Dual<T>(point, DualPoints.Of<T>(seed))).Tangent);
            var (want, floor) = expected(x, seed);
            if (!Slopes.Agree(got, want, relative, floor))
            {
                wrong.Add($"at {x:R}: tangent {got:R}, {reference} {want:R}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    private static void ConstantStaysConstant<T>(UnaryCase<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var moved = DualPoints.All<T>()
            .Select(x => (x, f.Dual(Dual<T>.Constant(x)).Tangent))
            .Where(r => !T.IsZero(r.Tangent))
            .Select(r => $"at {DualPoints.Show(r.x)}: tangent {r.Tangent}");

        moved.ShouldBeEmpty();
    }

    private static IEnumerable<T> SmoothPoints<T>(UnaryCase<T> f) where T : unmanaged, IFloatingPointIeee754<T> =>
        DualPoints.Within<T>(5, f.Low, f.High, 40).Where(x => f.Smooth?.Invoke(DualPoints.AsDouble(x)) ?? true);
}
