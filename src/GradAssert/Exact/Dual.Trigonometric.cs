using System.Numerics;

namespace GradAssert.Exact;

// Circular functions, their inverses and the forms in multiples of π. Derivatives are written so that they stay
// accurate where the textbook form cancels: 1 − x² as (1 − x)(1 + x).
public readonly partial struct Dual<T>
{
    /// <summary>sin x; tangent cos x·x′.</summary>
    /// <param name="x">x, in radians.</param>
    public static Dual<T> Sin(Dual<T> x) => Of(T.Sin(x.Value), x.Moves ? x.Tangent * T.Cos(x.Value) : T.Zero);

    /// <summary>cos x; tangent −sin x·x′.</summary>
    /// <param name="x">x, in radians.</param>
    public static Dual<T> Cos(Dual<T> x) => Of(T.Cos(x.Value), x.Moves ? -(x.Tangent * T.Sin(x.Value)) : T.Zero);

    /// <summary>tan x; tangent (1 + tan² x)·x′.</summary>
    /// <param name="x">x, in radians.</param>
    public static Dual<T> Tan(Dual<T> x)
    {
        T tan = T.Tan(x.Value);
        return Of(tan, x.Moves ? x.Tangent * (T.One + (tan * tan)) : T.Zero);
    }

    /// <summary>(sin x, cos x) from T's <c>SinCos</c>; tangents cos x·x′ and −sin x·x′.</summary>
    /// <param name="x">x, in radians.</param>
    public static (Dual<T> Sin, Dual<T> Cos) SinCos(Dual<T> x)
    {
        var (sin, cos) = T.SinCos(x.Value);
        return x.Moves
            ? (Of(sin, x.Tangent * cos), Of(cos, -(x.Tangent * sin)))
            : (Flat(sin), Flat(cos));
    }

    /// <summary>sin(πx); tangent π·cos(πx)·x′.</summary>
    /// <param name="x">x, in half-turns.</param>
    public static Dual<T> SinPi(Dual<T> x) =>
        Of(T.SinPi(x.Value), x.Moves ? x.Tangent * T.Pi * T.CosPi(x.Value) : T.Zero);

    /// <summary>cos(πx); tangent −π·sin(πx)·x′.</summary>
    /// <param name="x">x, in half-turns.</param>
    public static Dual<T> CosPi(Dual<T> x) =>
        Of(T.CosPi(x.Value), x.Moves ? -(x.Tangent * T.Pi * T.SinPi(x.Value)) : T.Zero);

    /// <summary>tan(πx); tangent π·(1 + tan²(πx))·x′.</summary>
    /// <param name="x">x, in half-turns.</param>
    public static Dual<T> TanPi(Dual<T> x)
    {
        T tan = T.TanPi(x.Value);
        return Of(tan, x.Moves ? x.Tangent * T.Pi * (T.One + (tan * tan)) : T.Zero);
    }

    /// <summary>(sin πx, cos πx) from T's <c>SinCosPi</c>; tangents π·cos(πx)·x′ and −π·sin(πx)·x′.</summary>
    /// <param name="x">x, in half-turns.</param>
    public static (Dual<T> SinPi, Dual<T> CosPi) SinCosPi(Dual<T> x)
    {
        var (sin, cos) = T.SinCosPi(x.Value);
        if (!x.Moves)
        {
            return (Flat(sin), Flat(cos));
        }

        T scaled = x.Tangent * T.Pi;
        return (Of(sin, scaled * cos), Of(cos, -(scaled * sin)));
    }

    /// <summary>asin x; tangent x′/√(1 − x²) (∞ at ±1, NaN beyond).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Asin(Dual<T> x) =>
        Of(T.Asin(x.Value), x.Moves ? x.Tangent / UnitCircleCosine(x.Value) : T.Zero);

    /// <summary>acos x; tangent −x′/√(1 − x²) (∞ at ±1, NaN beyond).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Acos(Dual<T> x) =>
        Of(T.Acos(x.Value), x.Moves ? -(x.Tangent / UnitCircleCosine(x.Value)) : T.Zero);

    /// <summary>atan x; tangent x′/(1 + x²).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Atan(Dual<T> x) =>
        Of(T.Atan(x.Value), x.Moves ? x.Tangent / (T.One + (x.Value * x.Value)) : T.Zero);

    /// <summary>asin(x)/π; tangent x′/(π·√(1 − x²)).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> AsinPi(Dual<T> x) =>
        Of(T.AsinPi(x.Value), x.Moves ? x.Tangent / (T.Pi * UnitCircleCosine(x.Value)) : T.Zero);

    /// <summary>acos(x)/π; tangent −x′/(π·√(1 − x²)).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> AcosPi(Dual<T> x) =>
        Of(T.AcosPi(x.Value), x.Moves ? -(x.Tangent / (T.Pi * UnitCircleCosine(x.Value))) : T.Zero);

    /// <summary>atan(x)/π; tangent x′/(π·(1 + x²)).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> AtanPi(Dual<T> x) =>
        Of(T.AtanPi(x.Value), x.Moves ? x.Tangent / (T.Pi * (T.One + (x.Value * x.Value))) : T.Zero);

    /// <summary>
    /// The angle of the point (x, y), atan2(y, x); tangent (x·y′ − y·x′)/(x² + y²), computed as
    /// ((x/h)·y′ − (y/h)·x′)/h with h = hypot(x, y) so that large points do not overflow (NaN at the origin).
    /// </summary>
    /// <param name="y">y.</param>
    /// <param name="x">x.</param>
    public static Dual<T> Atan2(Dual<T> y, Dual<T> x) => Of(T.Atan2(y.Value, x.Value), AngleTangent(y, x));

    /// <summary>atan2(y, x)/π; tangent (x·y′ − y·x′)/(π·(x² + y²)).</summary>
    /// <param name="y">y.</param>
    /// <param name="x">x.</param>
    public static Dual<T> Atan2Pi(Dual<T> y, Dual<T> x)
    {
        T tangent = AngleTangent(y, x);
        return Of(T.Atan2Pi(y.Value, x.Value), T.IsZero(tangent) ? tangent : tangent / T.Pi);
    }

    /// <summary>x·π/180, as T converts it; the tangent is converted the same way.</summary>
    /// <param name="degrees">x, in degrees.</param>
    public static Dual<T> DegreesToRadians(Dual<T> degrees) =>
        Of(T.DegreesToRadians(degrees.Value), T.DegreesToRadians(degrees.Tangent));

    /// <summary>x·180/π, as T converts it; the tangent is converted the same way.</summary>
    /// <param name="radians">x, in radians.</param>
    public static Dual<T> RadiansToDegrees(Dual<T> radians) =>
        Of(T.RadiansToDegrees(radians.Value), T.RadiansToDegrees(radians.Tangent));

    /// <summary>√(1 − x²) as √((1 − x)(1 + x)), accurate near ±1.</summary>
    private static T UnitCircleCosine(T x) => T.Sqrt((T.One - x) * (T.One + x));

    /// <summary>The tangent of atan2(y, x): ((x/h)·y′ − (y/h)·x′)/h, h = hypot(x, y).</summary>
    private static T AngleTangent(Dual<T> y, Dual<T> x)
    {
        if (!y.Moves && !x.Moves)
        {
            return T.Zero;
        }

        T hypot = T.Hypot(x.Value, y.Value);
        return (Times(y.Tangent, x.Value / hypot) - Times(x.Tangent, y.Value / hypot)) / hypot;
    }
}
