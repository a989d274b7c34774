using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace GradAssert.Tests.Exact;

/// <summary>
/// The points the member-by-member tests of <c>Dual&lt;T&gt;</c> evaluate at: IEEE edge values and seeded random ones
/// for the value parts, seeded draws inside a function's smooth range for its derivative.
/// </summary>
internal static class DualPoints
{
    /// <summary>±0, the smallest subnormals, a mid subnormal, both types' smallest normals, small, unit, large, the
    /// largest finite values, ±∞ and NaN.</summary>
    public static T[] Edges<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        T largest = T.BitDecrement(T.PositiveInfinity);
        T[] positive =
        [
            T.Epsilon, T.ScaleB(T.Epsilon, 3), T.ScaleB(T.One, -1030), T.ScaleB(T.One, -1022), T.ScaleB(T.One, -140),
            T.ScaleB(T.One, -126), Of<T>(1e-10), Of<T>(0.25), Of<T>(0.5), T.One, Of<T>(1.5), Of<T>(2), Of<T>(3), T.Pi,
            Of<T>(10), Of<T>(100.5), Of<T>(1e10), Of<T>(1e30), Of<T>(1e300), largest, T.PositiveInfinity,
        ];
        return [T.Zero, T.NegativeZero, T.NaN, .. positive, .. positive.Select(p => -p)];
    }

    /// <summary>Seeded random values: half uniform in (−4, 4), half ±10^u with u uniform in (−12, 12).</summary>
    public static T[] Random<T>(int seed, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => Of<T>(i % 2 == 0
            ? (random.NextDouble() * 8) - 4
            : (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, (random.NextDouble() * 24) - 12)))];
    }

    /// <summary>The edges and 48 seeded random values.</summary>
    public static T[] All<T>() where T : unmanaged, IFloatingPointIeee754<T> => [.. Edges<T>(), .. Random<T>(2024, 48)];

    /// <summary>Seeded points in [low, high], each exactly representable in <typeparamref name="T"/>.</summary>
    public static T[] Within<T>(int seed, double low, double high, int count = 24) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Of<T>(low + (random.NextDouble() * (high - low))))];
    }

    /// <summary>A seeded tangent seed: ±(0.5 to 2).</summary>
    public static double Seed(Random random) => (random.Next(2) == 0 ? -1 : 1) * (0.5 + (1.5 * random.NextDouble()));

    public static T Of<T>(double value) where T : INumberBase<T> => T.CreateTruncating(value);

    public static double AsDouble<T>(T value) where T : INumberBase<T> => double.CreateTruncating(value);

    /// <summary>True when the two values have the same bits (−0 differs from +0, NaN payloads count).</summary>
    public static bool SameBits<T>(T a, T b) where T : unmanaged =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in b)));

    /// <summary>The value and its bits, for failure messages.</summary>
    public static string Show<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> =>
        $"{value.ToString("R", CultureInfo.InvariantCulture)} (0x{Convert.ToHexString(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)))})";
}
