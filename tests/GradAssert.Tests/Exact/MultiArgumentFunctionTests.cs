using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Every operator and function of several dual numbers, in double and float: the value part is T's own result bit for
/// bit over every pair of edge values and seeded points; the tangent is Σ ∂f/∂xᵢ·xᵢ′ and agrees with a central
/// difference along the seeded direction; constants stay constant.
/// </summary>
public sealed class MultiArgumentFunctionTests
{
    public static TheoryData<string> Names => MultiArgumentCases<double>.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_part_is_Ts_own_result_bit_for_bit_in_double(string name) => ValueIsOwn(MultiArgumentCases<double>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Value_part_is_Ts_own_result_bit_for_bit_in_float(string name) => ValueIsOwn(MultiArgumentCases<float>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Tangent_is_the_chain_rule_along_the_seeds_in_double(string name) => TangentFollowsRule(MultiArgumentCases<double>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Tangent_is_the_chain_rule_along_the_seeds_in_float(string name) => TangentFollowsRule(MultiArgumentCases<float>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Tangent_agrees_with_a_central_difference_in_double(string name) => TangentMatchesDifference(MultiArgumentCases<double>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Tangent_agrees_with_a_central_difference_in_float(string name) => TangentMatchesDifference(MultiArgumentCases<float>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Constants_stay_constant_everywhere_in_double(string name) => ConstantsStayConstant(MultiArgumentCases<double>.All[name]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Constants_stay_constant_everywhere_in_float(string name) => ConstantsStayConstant(MultiArgumentCases<float>.All[name]);

    private static void ValueIsOwn<T>(MultiArgumentCase<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var wrong = new List<string>();
        foreach (T[] args in Grid<T>(f.Ranges.Length))
        {
            T own = f.Own(args);
            T got = f.Dual([.. args.Select((a, i) => new Dual<T>(a, DualPoints.Of<T>(i + 1)))]).Value;
            if (!DualPoints.SameBits(got, own))
            {
                wrong.Add($"at ({string.Join(", ", args.Select(DualPoints.Show))}): {DualPoints.Show(got)}, T gives {DualPoints.Show(own)}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    private static void TangentFollowsRule<T>(MultiArgumentCase<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var wrong = new List<string>();
        foreach (var (args, seeds) in SmoothPoints(f))
        {
            double got = DualPoints.AsDouble(f.Dual(Seeded(args, seeds)).Tangent);
            double[] gradient = f.Gradient([.. args.Select(DualPoints.AsDouble)]);
            double want = gradient.Zip(seeds, (g, s) => g * s).Sum();
            double scale = gradient.Zip(seeds, (g, s) => Math.Abs(g * s)).Sum();
            if (!Slopes.Agree(got, want, 0, Slopes.RuleTolerance<T>() * scale))
            {
                wrong.Add($"at ({string.Join(", ", args)}): tangent {got:R}, rule {want:R}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    private static void TangentMatchesDifference<T>(MultiArgumentCase<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var wrong = new List<string>();
        foreach (var (args, seeds) in SmoothPoints(f))
        {
            double[] x = [.. args.Select(DualPoints.AsDouble)];
            double got = DualPoints.AsDouble(f.Dual(Seeded(args, seeds)).Tangent);
            double difference = Slopes.CentralDifference(h => f.Reference([.. x.Select((xi, i) => xi + (seeds[i] * h))]));
            double scale = f.Gradient(x).Zip(seeds, (g, s) => Math.Abs(g * s)).Sum();
            double floor = 1e-9 * (1 + Math.Abs(f.Reference(x)));
            if (!Slopes.Agree(got, difference, 0, (Slopes.DifferenceTolerance<T>() * scale) + floor))
            {
                wrong.Add($"at ({string.Join(", ", args)}): tangent {got:R}, central difference {difference:R}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    private static void ConstantsStayConstant<T>(MultiArgumentCase<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var moved = Grid<T>(f.Ranges.Length)
            .Select(args => (args, f.Dual([.. args.Select(Dual<T>.Constant)]).Tangent))
            .Where(r => !T.IsZero(r.Tangent))
            .Select(r => $"at ({string.Join(", ", r.args.Select(DualPoints.Show))}): tangent {r.Tangent}");

        moved.ShouldBeEmpty();
    }

    /// <summary>Every pair (or triple, thinned) of the edge values and a few seeded points.</summary>
    private static IEnumerable<T[]> Grid<T>(int arity) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] points = [.. DualPoints.Edges<T>(), .. DualPoints.Random<T>(7, 12)];
        IEnumerable<T[]> grid = points.Select(p => new[] { p });
        for (int k = 1; k < arity; k++)
        {
            grid = grid.SelectMany(head => points.Select(p => (T[])[.. head, p]));
        }

        return arity > 2 ? grid.Where((_, i) => i % 7 == 0) : grid;
    }

    private static IEnumerable<(T[] Args, double[] Seeds)> SmoothPoints<T>(MultiArgumentCase<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(13);
        var columns = f.Ranges.Select((r, i) => DualPoints.Within<T>(20 + i, r.Low, r.High, 60)).ToArray();
        for (int n = 0; n < 60; n++)
        {
            T[] args = [.. columns.Select(c => c[n])];
            double[] seeds = [.. args.Select(_ => DualPoints.AsDouble(DualPoints.Of<T>(DualPoints.Seed(random))))];
            if (f.Smooth?.Invoke([.. args.Select(DualPoints.AsDouble)]) ?? true)
            {
                yield return (args, seeds);
            }
        }
    }

    private static Dual<T>[] Seeded<T>(T[] args, double[] seeds) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. args.Select((a, i) => new Dual<T>(a, DualPoints.Of<T>(seeds[i])))];
}
