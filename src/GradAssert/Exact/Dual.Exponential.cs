using System.Numerics;
using System.Runtime.CompilerServices;

namespace GradAssert.Exact;

// Exponentials, logarithms and powers.
public readonly partial struct Dual<T>
{
    private static readonly T LnTwo = T.Log(T.One + T.One);
    private static readonly T LnTen = T.Log(T.CreateTruncating(10));

    /// <summary>eˣ; tangent eˣ·x′.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Exp(Dual<T> x)
    {
        T exp = T.Exp(x.Value);
        T tangent = x.Moves ? x.Tangent * exp : T.Zero;
        return Nesting.OverFloat && RoundingNoise.Active ? WithExpRounding(x.Value, exp, tangent) : Of(exp, tangent);
    }

    /// <summary>
    /// eˣ inside a rounding-noise scope at <c>Dual&lt;Dual&lt;float&gt;&gt;</c>: the actual rounding of float's eˣ (against eˣ
    /// in double) and of its tangent's product, not a random one. eˣ − 1 near x = 1e-6 leaves that rounding as 5% of its
    /// result or as 0.3%, by the draw of x: a random sample allows the worst, and a gradient 3% off passed.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Dual<T> WithExpRounding(T argument, T exp, T tangent)
    {
        var (x, dx) = ((IDualParts)argument).PartsAs<double>(Conversion.Truncating);
        var (e, de) = ((IDualParts)exp).PartsAs<double>(Conversion.Truncating);
        double exact = Math.Exp(x);
        double valueRounding = (e - exact) / exact; // relative: the tangent e·dx carries it too
        double productRounding = dx * e is var product && product != 0 ? (de - product) / product : 0; // float·float is exact in double
        if (!double.IsFinite(valueRounding) || !double.IsFinite(productRounding) || exact == 0)
        {
            return Of(exp, tangent);
        }

        T rounding = (exp * T.CreateTruncating(valueRounding)) + ((exp - Nesting.ValuePart!(exp)) * T.CreateTruncating(productRounding));
        return new((exp, tangent + rounding));
    }

    /// <summary>2ˣ; tangent 2ˣ·ln 2·x′.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Exp2(Dual<T> x)
    {
        T exp = T.Exp2(x.Value);
        return Of(exp, x.Moves ? x.Tangent * exp * LnTwo : T.Zero);
    }

    /// <summary>10ˣ; tangent 10ˣ·ln 10·x′.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Exp10(Dual<T> x)
    {
        T exp = T.Exp10(x.Value);
        return Of(exp, x.Moves ? x.Tangent * exp * LnTen : T.Zero);
    }

    /// <summary>eˣ − 1; tangent eˣ·x′.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> ExpM1(Dual<T> x) =>
        Of(T.ExpM1(x.Value), x.Moves ? x.Tangent * T.Exp(x.Value) : T.Zero);

    /// <summary>2ˣ − 1; tangent 2ˣ·ln 2·x′.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Exp2M1(Dual<T> x) =>
        Of(T.Exp2M1(x.Value), x.Moves ? x.Tangent * T.Exp2(x.Value) * LnTwo : T.Zero);

    /// <summary>10ˣ − 1; tangent 10ˣ·ln 10·x′.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Exp10M1(Dual<T> x) =>
        Of(T.Exp10M1(x.Value), x.Moves ? x.Tangent * T.Exp10(x.Value) * LnTen : T.Zero);

    /// <summary>ln x; tangent x′/x (∞ at 0 when x moves).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Log(Dual<T> x) => Of(T.Log(x.Value), x.Moves ? x.Tangent / x.Value : T.Zero);

    /// <summary>log₂ x; tangent x′/(x·ln 2).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Log2(Dual<T> x) => Of(T.Log2(x.Value), x.Moves ? x.Tangent / x.Value / LnTwo : T.Zero);

    /// <summary>log₁₀ x; tangent x′/(x·ln 10).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Log10(Dual<T> x) => Of(T.Log10(x.Value), x.Moves ? x.Tangent / x.Value / LnTen : T.Zero);

    /// <summary>ln(x + 1); tangent x′/(x + 1).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> LogP1(Dual<T> x) =>
        Of(T.LogP1(x.Value), x.Moves ? x.Tangent / (x.Value + T.One) : T.Zero);

    /// <summary>log₂(x + 1); tangent x′/((x + 1)·ln 2).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Log2P1(Dual<T> x) =>
        Of(T.Log2P1(x.Value), x.Moves ? x.Tangent / (x.Value + T.One) / LnTwo : T.Zero);

    /// <summary>log₁₀(x + 1); tangent x′/((x + 1)·ln 10).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Log10P1(Dual<T> x) =>
        Of(T.Log10P1(x.Value), x.Moves ? x.Tangent / (x.Value + T.One) / LnTen : T.Zero);

    /// <summary>
    /// log_b x = ln x / ln b, as T computes it (with T's special cases); tangent (x′/x − log_b x · b′/b) / ln b.
    /// </summary>
    /// <param name="x">x.</param>
    /// <param name="newBase">b.</param>
    public static Dual<T> Log(Dual<T> x, Dual<T> newBase)
    {
        T log = T.Log(x.Value, newBase.Value);
        if (!x.Moves && !newBase.Moves)
        {
            return Flat(log);
        }

        T lnBase = T.Log(newBase.Value);
        T tangent = x.Moves ? x.Tangent / x.Value / lnBase : T.Zero;
        return Of(log, newBase.Moves ? tangent - (newBase.Tangent * log / newBase.Value / lnBase) : tangent);
    }

    /// <summary>
    /// xʸ (T's, with its special cases); tangent y·xʸ⁻¹·x′ + xʸ·ln x·y′. The first term is 0 where y is 0 (x⁰ is
    /// 1 everywhere) and the second where x is 0 and y &gt; 0 (0ʸ is 0 there).
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    public static Dual<T> Pow(Dual<T> x, Dual<T> y)
    {
        T power = T.Pow(x.Value, y.Value);
        T tangent = T.Zero;
        if (x.Moves && !T.IsZero(y.Value))
        {
            tangent = x.Tangent * y.Value * T.Pow(x.Value, y.Value - T.One);
        }

        if (y.Moves && !(T.IsZero(x.Value) && y.Value > T.Zero))
        {
            tangent += y.Tangent * power * T.Log(x.Value);
        }

        return Of(power, tangent);
    }
}
