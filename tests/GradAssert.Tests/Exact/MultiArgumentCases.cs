using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>One function of two or three dual numbers, with what it is compared with.</summary>
/// <param name="Dual">The member under test, on its arguments in order.</param>
/// <param name="Own">T's own member: the value part must be its result bit for bit.</param>
/// <param name="Reference">The smooth function the derivative belongs to, in double.</param>
/// <param name="Gradient">The partial derivatives, in double, in textbook form.</param>
/// <param name="Ranges">Each argument's smooth range (low, high): rule and finite differences are checked inside.</param>
/// <param name="Smooth">Points of the ranges to leave out (near a kink or a jump), if any.</param>
internal sealed record MultiArgumentCase<T>(
    Func<Dual<T>[], Dual<T>> Dual,
    Func<T[], T> Own,
    Func<double[], double> Reference,
    Func<double[], double[]> Gradient,
    (double Low, double High)[] Ranges,
    Func<double[], bool>? Smooth = null)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Every operator and function of several dual numbers <c>Dual&lt;T&gt;</c> has (but the piecewise ones), by name.</summary>
internal static class MultiArgumentCases<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly (double, double)[] Plane = [(-5, 5), (-5, 5)];

    public static IReadOnlyDictionary<string, MultiArgumentCase<T>> All { get; } = new Dictionary<string, MultiArgumentCase<T>>
    {
        ["x + y"] = new(a => a[0] + a[1], a => a[0] + a[1], a => a[0] + a[1], _ => [1, 1], Plane),
        ["x - y"] = new(a => a[0] - a[1], a => a[0] - a[1], a => a[0] - a[1], _ => [1, -1], Plane),
        ["x * y"] = new(a => a[0] * a[1], a => a[0] * a[1], a => a[0] * a[1], a => [a[1], a[0]], Plane),
        ["x / y"] = new(a => a[0] / a[1], a => a[0] / a[1], a => a[0] / a[1], a => [1 / a[1], -a[0] / (a[1] * a[1])], [(-5, 5), (0.2, 5)]),
        ["x % y"] = new(
            a => a[0] % a[1], a => a[0] % a[1], a => a[0] % a[1], a => [1, -Math.Truncate(a[0] / a[1])], [(-10, 10), (0.3, 3)],
            a => AwayFromIntegers(a[0] / a[1])),
        ["Ieee754Remainder"] = new(
            a => Dual<T>.Ieee754Remainder(a[0], a[1]), a => T.Ieee754Remainder(a[0], a[1]), a => Math.IEEERemainder(a[0], a[1]),
            a => [1, -Math.Round(a[0] / a[1], MidpointRounding.ToEven)], [(-10, 10), (0.3, 3)], a => AwayFromIntegers((a[0] / a[1]) - 0.5)),
        ["Pow"] = new(
            a => Dual<T>.Pow(a[0], a[1]), a => T.Pow(a[0], a[1]), a => Math.Pow(a[0], a[1]),
            a => [a[1] * Math.Pow(a[0], a[1] - 1), Math.Pow(a[0], a[1]) * Math.Log(a[0])], [(0.1, 10), (-3, 3)]),
        ["Log(x, b)"] = new(
            a => Dual<T>.Log(a[0], a[1]), a => T.Log(a[0], a[1]), a => Math.Log(a[0], a[1]),
            a => [1 / (a[0] * Math.Log(a[1])), -Math.Log(a[0]) / (a[1] * Math.Log(a[1]) * Math.Log(a[1]))], [(0.1, 10), (1.5, 10)]),
        ["Atan2"] = new(
            a => Dual<T>.Atan2(a[0], a[1]), a => T.Atan2(a[0], a[1]), a => Math.Atan2(a[0], a[1]),
            a => [a[1] / ((a[0] * a[0]) + (a[1] * a[1])), -a[0] / ((a[0] * a[0]) + (a[1] * a[1]))], Plane, OffTheCut),
        ["Atan2Pi"] = new(
            a => Dual<T>.Atan2Pi(a[0], a[1]), a => T.Atan2Pi(a[0], a[1]), a => double.Atan2Pi(a[0], a[1]),
            a => [a[1] / (Math.PI * ((a[0] * a[0]) + (a[1] * a[1]))), -a[0] / (Math.PI * ((a[0] * a[0]) + (a[1] * a[1])))], Plane, OffTheCut),
        ["Hypot"] = new(
            a => Dual<T>.Hypot(a[0], a[1]), a => T.Hypot(a[0], a[1]), a => double.Hypot(a[0], a[1]),
            a => [a[0] / double.Hypot(a[0], a[1]), a[1] / double.Hypot(a[0], a[1])], Plane, a => double.Hypot(a[0], a[1]) > 0.1),
        ["FusedMultiplyAdd"] = new(
            a => Dual<T>.FusedMultiplyAdd(a[0], a[1], a[2]), a => T.FusedMultiplyAdd(a[0], a[1], a[2]), a => Math.FusedMultiplyAdd(a[0], a[1], a[2]),
            a => [a[1], a[0], 1], [(-5, 5), (-5, 5), (-5, 5)]),
        ["MultiplyAddEstimate"] = new(
            a => Dual<T>.MultiplyAddEstimate(a[0], a[1], a[2]), a => T.MultiplyAddEstimate(a[0], a[1], a[2]), a => (a[0] * a[1]) + a[2],
            a => [a[1], a[0], 1], [(-5, 5), (-5, 5), (-5, 5)]),
        ["Lerp"] = new(
            a => Dual<T>.Lerp(a[0], a[1], a[2]), a => T.Lerp(a[0], a[1], a[2]), a => a[0] + ((a[1] - a[0]) * a[2]),
            a => [1 - a[2], a[2], a[1] - a[0]], [(-5, 5), (-5, 5), (-0.5, 1.5)]),
    };

    public static TheoryData<string> Names => [.. All.Keys];

    private static bool AwayFromIntegers(double q) => Math.Abs(q - Math.Round(q)) > 0.01;

    /// <summary>Away from the origin and from the branch cut of atan2 (the negative x axis).</summary>
    private static bool OffTheCut(double[] a) => double.Hypot(a[0], a[1]) > 0.1 && (a[1] > 0 || Math.Abs(a[0]) > 0.1);
}
