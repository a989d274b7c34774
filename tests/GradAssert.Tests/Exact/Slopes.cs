namespace GradAssert.Tests.Exact;

/// <summary>
/// The two references a dual tangent is compared with: a derivative rule evaluated in double, and a central finite
/// difference in double with one Richardson step (error of order h⁴). Tolerances are relative, with a floor that scales
/// with the function's value, and tight enough to catch a rule off by a millionth.
/// </summary>
internal static class Slopes
{
    /// <summary>(4·D(h/2) − D(h))/3 of <paramref name="f"/> at 0, with D the central difference and h = 1e-5.</summary>
    public static double CentralDifference(Func<double, double> f, double h = 1e-5)
    {
        double coarse = (f(h) - f(-h)) / (2 * h);
        double fine = (f(h / 2) - f(-h / 2)) / h;
        return ((4 * fine) - coarse) / 3;
    }

    /// <summary>True when <paramref name="got"/> is within <paramref name="relative"/> of <paramref name="want"/>,
    /// or within <paramref name="floor"/> absolutely.</summary>
    public static bool Agree(double got, double want, double relative, double floor = 0) =>
        got == want || Math.Abs(got - want) <= (relative * Math.Abs(want)) + floor;

    /// <summary>The relative tolerance of a tangent against a rule evaluated in double: a few ulps of T.</summary>
    public static double RuleTolerance<T>() => typeof(T) == typeof(float) ? 1e-5 : 1e-13;

    /// <summary>The relative tolerance of a tangent against the finite difference.</summary>
    public static double DifferenceTolerance<T>() => typeof(T) == typeof(float) ? 1e-5 : 1e-8;
}
