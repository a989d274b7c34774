using System.Globalization;
using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// Arrays of a layer's values compared as the contract errors compare them (by value: +0 equals −0, NaN equals
/// nothing), and values printed as the messages print them.
/// </summary>
internal static class Values
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> have the same length and equal values.</summary>
    public static bool SameValues<T>(T[] a, T[] b) where T : unmanaged, IFloatingPointIeee754<T> => a.Length == b.Length && FirstDifference(a, b) < 0;

    public static int FirstDifference<T>(T[] a, T[] b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first element that differs beyond what summing in another order could explain.</summary>
    public static int FirstMismatch<T>(T[] a, T[] b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double scale = 0;
        foreach (var v in a)
        {
            scale = Math.Max(scale, Math.Abs(double.CreateTruncating(v)));
        }

        double allowed = 1e3 * Precision.Epsilon<T>() * scale;
        for (int i = 0; i < a.Length; i++)
        {
            if (!(Math.Abs(double.CreateTruncating(a[i]) - double.CreateTruncating(b[i])) <= allowed))
            {
                return i;
            }
        }

        return -1;
    }

    public static string Index(IReadOnlyList<int> shape, int offset) => ShapeMath.Format(ShapeMath.Unravel(shape, offset));

    public static string Show<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> => value.ToString("G9", CultureInfo.InvariantCulture);

    /// <summary>Two values that differ, as messages print them: nine significant digits, or every digit when nine print them alike.</summary>
    public static (string First, string Second) ShowApart<T>(T first, T second) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string a = Show(first), b = Show(second);
        return a != b ? (a, b) : (first.ToString("R", CultureInfo.InvariantCulture), second.ToString("R", CultureInfo.InvariantCulture));
    }
}
