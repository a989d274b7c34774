using System.Numerics;

namespace GradAssert.Exact;

// Roots, the hypotenuse and the reciprocal estimates.
public readonly partial struct Dual<T>
{
    /// <summary>√x; tangent x′/(2√x) (+∞ at 0 when x moves, NaN below 0).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Sqrt(Dual<T> x)
    {
        T root = T.Sqrt(x.Value);
        return Of(root, x.Moves ? x.Tangent / (root + root) : T.Zero);
    }

    /// <summary>∛x; tangent x′/(3·∛x²) (∞ at 0 when x moves).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Cbrt(Dual<T> x)
    {
        T root = T.Cbrt(x.Value);
        return Of(root, x.Moves ? x.Tangent / (T.CreateTruncating(3) * root * root) : T.Zero);
    }

    /// <summary>The n-th root x^(1/n); tangent x′·r^(1−n)/n with r the root (so x′/(n·r^(n−1)), ∞ at 0 for n &gt; 1).</summary>
    /// <param name="x">x.</param>
    /// <param name="n">The degree of the root.</param>
    public static Dual<T> RootN(Dual<T> x, int n)
    {
        T root = T.RootN(x.Value, n);
        return Of(root, x.Moves ? x.Tangent * T.Pow(root, T.CreateTruncating(1L - n)) / T.CreateTruncating(n) : T.Zero);
    }

    /// <summary>√(x² + y²) without overflow (T's); tangent (x/h)·x′ + (y/h)·y′ with h the result (NaN at the origin when either moves).</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> Hypot(Dual<T> x, Dual<T> y)
    {
        T hypot = T.Hypot(x.Value, y.Value);
        return Of(hypot, Times(x.Tangent, x.Value / hypot) + Times(y.Tangent, y.Value / hypot));
    }

    /// <summary>
    /// T's estimate of 1/x (exact or not, as T's own on this machine); the tangent is that of the exact reciprocal,
    /// −x′/x².
    /// </summary>
    /// <param name="x">x.</param>
    public static Dual<T> ReciprocalEstimate(Dual<T> x)
    {
        T value = T.ReciprocalEstimate(x.Value);
        if (!x.Moves)
        {
            return Flat(value);
        }

        T reciprocal = T.One / x.Value;
        return Of(value, -(x.Tangent * reciprocal * reciprocal));
    }

    /// <summary>
    /// T's estimate of 1/√x (exact or not, as T's own on this machine); the tangent is that of the exact function,
    /// −x′/(2·x·√x).
    /// </summary>
    /// <param name="x">x.</param>
    public static Dual<T> ReciprocalSqrtEstimate(Dual<T> x)
    {
        T value = T.ReciprocalSqrtEstimate(x.Value);
        if (!x.Moves)
        {
            return Flat(value);
        }

        T reciprocalRoot = T.One / T.Sqrt(x.Value);
        return Of(value, -(x.Tangent * reciprocalRoot * reciprocalRoot * reciprocalRoot) / (T.One + T.One));
    }
}
