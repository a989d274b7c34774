using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>One function of one dual number, with what it is compared with.</summary>
/// <param name="Dual">The member under test.</param>
/// <param name="Own">T's own member: the value part must be its result bit for bit.</param>
/// <param name="Reference">The smooth function the derivative belongs to, in double (for finite differences).</param>
/// <param name="Rule">The derivative, in double, in textbook form.</param>
/// <param name="Low">The smooth range's lower end: rule and finite differences are checked inside it.</param>
/// <param name="High">The smooth range's upper end.</param>
/// <param name="Smooth">Points of the range to leave out (near a kink or a jump), if any.</param>
internal sealed record UnaryCase<T>(
    Func<Dual<T>, Dual<T>> Dual,
    Func<T, T> Own,
    Func<double, double> Reference,
    Func<double, double> Rule,
    double Low,
    double High,
    Func<double, bool>? Smooth = null)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Every function of one dual number <c>Dual&lt;T&gt;</c> has, by name.</summary>
internal static class UnaryCases<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double Ln2 = 0.69314718055994530942;
    private const double Ln10 = 2.30258509299404568402;

    public static IReadOnlyDictionary<string, UnaryCase<T>> All { get; } = new Dictionary<string, UnaryCase<T>>
    {
        ["-x"] = new(x => -x, x => -x, x => -x, _ => -1, -10, 10),
        ["+x"] = new(x => +x, x => +x, x => x, _ => 1, -10, 10),
        ["++x"] = new(x => ++x, x => ++x, x => x + 1, _ => 1, -10, 10),
        ["--x"] = new(x => --x, x => --x, x => x - 1, _ => 1, -10, 10),
        ["Abs"] = new(Dual<T>.Abs, T.Abs, Math.Abs, x => Math.Sign(x), -10, 10, x => Math.Abs(x) > 0.01),
        ["Sqrt"] = new(Dual<T>.Sqrt, T.Sqrt, Math.Sqrt, x => 0.5 / Math.Sqrt(x), 0.01, 100),
        ["Cbrt"] = new(Dual<T>.Cbrt, T.Cbrt, Math.Cbrt, x => 1 / (3 * Math.Cbrt(x) * Math.Cbrt(x)), -100, 100, x => Math.Abs(x) > 0.01),
        ["RootN(x, 2)"] = new(x => Dual<T>.RootN(x, 2), x => T.RootN(x, 2), Math.Sqrt, x => 0.5 / Math.Sqrt(x), 0.01, 100),
        ["RootN(x, 5)"] = new(x => Dual<T>.RootN(x, 5), x => T.RootN(x, 5), x => double.RootN(x, 5), x => Math.Pow(x, -0.8) / 5, 0.01, 100),
        ["RootN(x, -3)"] = new(x => Dual<T>.RootN(x, -3), x => T.RootN(x, -3), x => double.RootN(x, -3), x => -Math.Pow(x, -4.0 / 3) / 3, 0.01, 100),
        ["RootN(x, 1)"] = new(x => Dual<T>.RootN(x, 1), x => T.RootN(x, 1), x => x, _ => 1, -10, 10),
        ["Exp"] = new(Dual<T>.Exp, T.Exp, Math.Exp, Math.Exp, -20, 20),
        ["Exp2"] = new(Dual<T>.Exp2, T.Exp2, double.Exp2, x => double.Exp2(x) * Ln2, -20, 20),
        ["Exp10"] = new(Dual<T>.Exp10, T.Exp10, double.Exp10, x => double.Exp10(x) * Ln10, -10, 10),
        ["ExpM1"] = new(Dual<T>.ExpM1, T.ExpM1, double.ExpM1, Math.Exp, -20, 20),
        ["Exp2M1"] = new(Dual<T>.Exp2M1, T.Exp2M1, double.Exp2M1, x => double.Exp2(x) * Ln2, -20, 20),
        ["Exp10M1"] = new(Dual<T>.Exp10M1, T.Exp10M1, double.Exp10M1, x => double.Exp10(x) * Ln10, -10, 10),
        ["Log"] = new(Dual<T>.Log, T.Log, Math.Log, x => 1 / x, 0.01, 100),
        ["Log2"] = new(Dual<T>.Log2, T.Log2, Math.Log2, x => 1 / (x * Ln2), 0.01, 100),
        ["Log10"] = new(Dual<T>.Log10, T.Log10, Math.Log10, x => 1 / (x * Ln10), 0.01, 100),
        ["LogP1"] = new(Dual<T>.LogP1, T.LogP1, double.LogP1, x => 1 / (1 + x), -0.99, 100),
        ["Log2P1"] = new(Dual<T>.Log2P1, T.Log2P1, double.Log2P1, x => 1 / ((1 + x) * Ln2), -0.99, 100),
        ["Log10P1"] = new(Dual<T>.Log10P1, T.Log10P1, double.Log10P1, x => 1 / ((1 + x) * Ln10), -0.99, 100),
        ["Sin"] = new(Dual<T>.Sin, T.Sin, Math.Sin, Math.Cos, -10, 10),
        ["Cos"] = new(Dual<T>.Cos, T.Cos, Math.Cos, x => -Math.Sin(x), -10, 10),
        ["Tan"] = new(Dual<T>.Tan, T.Tan, Math.Tan, x => 1 / (Math.Cos(x) * Math.Cos(x)), -1.5, 1.5),
        ["SinCos.Sin"] = new(x => Dual<T>.SinCos(x).Sin, x => T.SinCos(x).Sin, Math.Sin, Math.Cos, -10, 10),
        ["SinCos.Cos"] = new(x => Dual<T>.SinCos(x).Cos, x => T.SinCos(x).Cos, Math.Cos, x => -Math.Sin(x), -10, 10),
        ["SinPi"] = new(Dual<T>.SinPi, T.SinPi, double.SinPi, x => Math.PI * double.CosPi(x), -4, 4),
        ["CosPi"] = new(Dual<T>.CosPi, T.CosPi, double.CosPi, x => -Math.PI * double.SinPi(x), -4, 4),
        ["TanPi"] = new(Dual<T>.TanPi, T.TanPi, double.TanPi, x => Math.PI / (double.CosPi(x) * double.CosPi(x)), -0.45, 0.45),
        ["SinCosPi.SinPi"] = new(x => Dual<T>.SinCosPi(x).SinPi, x => T.SinCosPi(x).SinPi, double.SinPi, x => Math.PI * double.CosPi(x), -4, 4),
        ["SinCosPi.CosPi"] = new(x => Dual<T>.SinCosPi(x).CosPi, x => T.SinCosPi(x).CosPi, double.CosPi, x => -Math.PI * double.SinPi(x), -4, 4),
        ["Asin"] = new(Dual<T>.Asin, T.Asin, Math.Asin, x => 1 / Math.Sqrt(1 - (x * x)), -0.99, 0.99),
        ["Acos"] = new(Dual<T>.Acos, T.Acos, Math.Acos, x => -1 / Math.Sqrt(1 - (x * x)), -0.99, 0.99),
        ["Atan"] = new(Dual<T>.Atan, T.Atan, Math.Atan, x => 1 / (1 + (x * x)), -10, 10),
        ["AsinPi"] = new(Dual<T>.AsinPi, T.AsinPi, double.AsinPi, x => 1 / (Math.PI * Math.Sqrt(1 - (x * x))), -0.99, 0.99),
        ["AcosPi"] = new(Dual<T>.AcosPi, T.AcosPi, double.AcosPi, x => -1 / (Math.PI * Math.Sqrt(1 - (x * x))), -0.99, 0.99),
        ["AtanPi"] = new(Dual<T>.AtanPi, T.AtanPi, double.AtanPi, x => 1 / (Math.PI * (1 + (x * x))), -10, 10),
        ["Sinh"] = new(Dual<T>.Sinh, T.Sinh, Math.Sinh, Math.Cosh, -20, 20),
        ["Cosh"] = new(Dual<T>.Cosh, T.Cosh, Math.Cosh, Math.Sinh, -20, 20),
        ["Tanh"] = new(Dual<T>.Tanh, T.Tanh, Math.Tanh, x => 1 / (Math.Cosh(x) * Math.Cosh(x)), -20, 20),
        ["Asinh"] = new(Dual<T>.Asinh, T.Asinh, Math.Asinh, x => 1 / Math.Sqrt((x * x) + 1), -100, 100),
        ["Acosh"] = new(Dual<T>.Acosh, T.Acosh, Math.Acosh, x => 1 / Math.Sqrt((x * x) - 1), 1.01, 100),
        ["Atanh"] = new(Dual<T>.Atanh, T.Atanh, Math.Atanh, x => 1 / (1 - (x * x)), -0.99, 0.99),
        ["ReciprocalEstimate"] = new(Dual<T>.ReciprocalEstimate, T.ReciprocalEstimate, x => 1 / x, x => -1 / (x * x), 0.1, 10),
        ["ReciprocalSqrtEstimate"] = new(Dual<T>.ReciprocalSqrtEstimate, T.ReciprocalSqrtEstimate, x => 1 / Math.Sqrt(x), x => -0.5 / (x * Math.Sqrt(x)), 0.1, 10),
        ["DegreesToRadians"] = new(Dual<T>.DegreesToRadians, T.DegreesToRadians, x => x * Math.PI / 180, _ => Math.PI / 180, -360, 360),
        ["RadiansToDegrees"] = new(Dual<T>.RadiansToDegrees, T.RadiansToDegrees, x => x * 180 / Math.PI, _ => 180 / Math.PI, -7, 7),
        ["ScaleB(x, 5)"] = new(x => Dual<T>.ScaleB(x, 5), x => T.ScaleB(x, 5), x => x * 32, _ => 32, -10, 10),
        ["ScaleB(x, -3)"] = new(x => Dual<T>.ScaleB(x, -3), x => T.ScaleB(x, -3), x => x / 8, _ => 0.125, -10, 10),
        ["BitIncrement"] = new(Dual<T>.BitIncrement, T.BitIncrement, x => x, _ => 1, -10, 10),
        ["BitDecrement"] = new(Dual<T>.BitDecrement, T.BitDecrement, x => x, _ => 1, -10, 10),
        ["Round"] = new(Dual<T>.Round, T.Round, Math.Round, _ => 0, -10, 10, AwayFromSteps(1, 0.5)),
        ["Round(x, 2)"] = new(x => Dual<T>.Round(x, 2), x => T.Round(x, 2), x => Math.Round(x, 2), _ => 0, -10, 10, AwayFromSteps(100, 0.5)),
        ["Round(x, AwayFromZero)"] = new(x => Dual<T>.Round(x, MidpointRounding.AwayFromZero), x => T.Round(x, MidpointRounding.AwayFromZero), x => Math.Round(x, MidpointRounding.AwayFromZero), _ => 0, -10, 10, AwayFromSteps(1, 0.5)),
        ["Round(x, 1, ToNegativeInfinity)"] = new(x => Dual<T>.Round(x, 1, MidpointRounding.ToNegativeInfinity), x => T.Round(x, 1, MidpointRounding.ToNegativeInfinity), x => Math.Round(x, 1, MidpointRounding.ToNegativeInfinity), _ => 0, -10, 10, AwayFromSteps(10, 0)),
        ["Floor"] = new(Dual<T>.Floor, T.Floor, Math.Floor, _ => 0, -10, 10, AwayFromSteps(1, 0)),
        ["Ceiling"] = new(Dual<T>.Ceiling, T.Ceiling, Math.Ceiling, _ => 0, -10, 10, AwayFromSteps(1, 0)),
        ["Truncate"] = new(Dual<T>.Truncate, T.Truncate, Math.Truncate, _ => 0, -10, 10, AwayFromSteps(1, 0)),
    };

    public static TheoryData<string> Names => [.. All.Keys];

    /// <summary>Points at least 0.05/<paramref name="scale"/> away from the steps at (k + offset)/<paramref name="scale"/>.</summary>
    private static Func<double, bool> AwayFromSteps(double scale, double offset) => x =>
    {
        double fraction = ((x * scale) - offset) - Math.Floor((x * scale) - offset);
        return fraction is > 0.05 and < 0.95;
    };
}
