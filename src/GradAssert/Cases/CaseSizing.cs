namespace GradAssert.Cases;

/// <summary>
/// How sizes grow over a run, as property-testing tools grow theirs: case i of n may use the share (i + 1) / n of
/// every <see cref="GradientCase.Dim"/> range, so the first cases are small and fast and the last spans the whole range.
/// </summary>
internal static class CaseSizing
{
    /// <summary>The size of case <paramref name="index"/> in a run of <paramref name="cases"/> cases, in (0, 1].</summary>
    public static double SizeOf(int index, int cases)
    {
        if (cases < 1 || index < 0 || index >= cases)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Case {index} is not in a run of {cases} cases.");
        }

        return (index + 1) / (double)cases;
    }

    /// <summary>The largest value a case of size <paramref name="size"/> draws: min + ceil(size·(max − min)).</summary>
    public static int UpperBound(int min, int max, double size)
    {
        long span = (long)max - min;
        long reach = (long)Math.Ceiling(size * span);
        return (int)Math.Min(max, min + Math.Min(span, reach));
    }
}
