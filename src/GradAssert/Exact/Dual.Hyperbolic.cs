using System.Numerics;

namespace GradAssert.Exact;

// Hyperbolic functions and their inverses, with derivatives in forms that neither cancel nor overflow early.
public readonly partial struct Dual<T>
{
    /// <summary>sinh x; tangent cosh x·x′.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Sinh(Dual<T> x) => Of(T.Sinh(x.Value), x.Moves ? x.Tangent * T.Cosh(x.Value) : T.Zero);

    /// <summary>cosh x; tangent sinh x·x′.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Cosh(Dual<T> x) => Of(T.Cosh(x.Value), x.Moves ? x.Tangent * T.Sinh(x.Value) : T.Zero);

    /// <summary>
    /// tanh x; tangent x′/cosh² x, which keeps its relative accuracy where tanh x rounds to ±1 (1 − tanh² x would give 0
    /// there).
    /// </summary>
    /// <param name="x">x.</param>
    public static Dual<T> Tanh(Dual<T> x)
    {
        T tanh = T.Tanh(x.Value);
        if (!x.Moves)
        {
            return Flat(tanh);
        }

        T cosh = T.Cosh(x.Value);
        return Of(tanh, x.Tangent / cosh / cosh);
    }

    /// <summary>asinh x; tangent x′/√(x² + 1), computed as x′/hypot(x, 1).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Asinh(Dual<T> x) =>
        Of(T.Asinh(x.Value), x.Moves ? x.Tangent / T.Hypot(x.Value, T.One) : T.Zero);

    /// <summary>acosh x; tangent x′/(√(x − 1)·√(x + 1)) (∞ at 1, NaN below).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Acosh(Dual<T> x) =>
        Of(T.Acosh(x.Value), x.Moves ? x.Tangent / (T.Sqrt(x.Value - T.One) * T.Sqrt(x.Value + T.One)) : T.Zero);

    /// <summary>atanh x; tangent x′/((1 − x)(1 + x)) (∞ at ±1).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Atanh(Dual<T> x) =>
        Of(T.Atanh(x.Value), x.Moves ? x.Tangent / ((T.One - x.Value) * (T.One + x.Value)) : T.Zero);
}
