using System.Numerics;
using System.Runtime.CompilerServices;

namespace GradAssert.Exact;

// The arithmetic operators, fused multiply-add, scaling, interpolation and the remainders.
public readonly partial struct Dual<T>
{
    /// <summary>x + y; tangent x′ + y′.</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static Dual<T> operator +(Dual<T> left, Dual<T> right) =>
        OfSum(left.Value, right.Value, left.Tangent + right.Tangent);

    /// <summary>x − y; tangent x′ − y′.</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static Dual<T> operator -(Dual<T> left, Dual<T> right) =>
        OfDifference(left.Value, right.Value, left.Tangent - right.Tangent);

    /// <summary>x·y; tangent x′y + xy′.</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static Dual<T> operator *(Dual<T> left, Dual<T> right) =>
        OfProduct(left.Value, right.Value, ProductTangent(left, right));

    /// <summary>x / y; tangent (x′ − (x/y)·y′) / y.</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static Dual<T> operator /(Dual<T> left, Dual<T> right)
    {
        T quotient = left.Value / right.Value;
        T tangent = (left.Tangent - (quotient * right.Tangent)) / right.Value;
        if (T.IsNaN(tangent))
        {
            // 0·∞ or 0/0 from a part that does not move (a constant divided by 0, say): that part contributes nothing.
            // Written out rather than through Times: a call in a hot loop's body makes the JIT keep its numbers in
            // memory (no callee-saved vector registers), which costs a dot product of dual numbers half its speed.
            T fromLeft = T.IsZero(left.Tangent) ? T.Zero : left.Tangent / right.Value;
            T fromRight = T.IsZero(right.Tangent) ? T.Zero : quotient * right.Tangent / right.Value;
            tangent = fromLeft - fromRight;
        }

        return Of(quotient, tangent);
    }

    /// <summary>
    /// x % y (T's remainder, x − n·y with n = x/y truncated); tangent x′ − n·y′, n being flat in x and y.
    /// </summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static Dual<T> operator %(Dual<T> left, Dual<T> right)
    {
        T remainder = left.Value % right.Value;
        return Of(remainder, RemainderTangent(left, right, remainder));
    }

    /// <summary>+x: x itself.</summary>
    /// <param name="value">x.</param>
    public static Dual<T> operator +(Dual<T> value) => value;

    /// <summary>−x; tangent −x′.</summary>
    /// <param name="value">x.</param>
    public static Dual<T> operator -(Dual<T> value) => Of(-value.Value, -value.Tangent);

    /// <summary>x + 1 (T's increment); the tangent is x′.</summary>
    /// <param name="value">x.</param>
    public static Dual<T> operator ++(Dual<T> value)
    {
        T incremented = value.Value;
        incremented++;
        return Of(incremented, value.Tangent);
    }

    /// <summary>x − 1 (T's decrement); the tangent is x′.</summary>
    /// <param name="value">x.</param>
    public static Dual<T> operator --(Dual<T> value)
    {
        T decremented = value.Value;
        decremented--;
        return Of(decremented, value.Tangent);
    }

    /// <summary>x·y + z rounded once (T's fused multiply-add); tangent x′y + xy′ + z′.</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    /// <param name="addend">z.</param>
    public static Dual<T> FusedMultiplyAdd(Dual<T> left, Dual<T> right, Dual<T> addend) =>
        Of(T.FusedMultiplyAdd(left.Value, right.Value, addend.Value), ProductTangent(left, right) + addend.Tangent);

#if NET9_0_OR_GREATER
    /// <summary>x·y + z, fused or not as T's own estimate is on this machine; tangent x′y + xy′ + z′.</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    /// <param name="addend">z.</param>
    public static Dual<T> MultiplyAddEstimate(Dual<T> left, Dual<T> right, Dual<T> addend) =>
        Of(T.MultiplyAddEstimate(left.Value, right.Value, addend.Value), ProductTangent(left, right) + addend.Tangent);
#endif

    /// <summary>x·2ⁿ; tangent x′·2ⁿ.</summary>
    /// <param name="x">x.</param>
    /// <param name="n">The power of two.</param>
    public static Dual<T> ScaleB(Dual<T> x, int n) => Of(T.ScaleB(x.Value, n), T.ScaleB(x.Tangent, n));

    /// <summary>
    /// The linear interpolation a + (b − a)·w, computed as T computes it; tangent a′(1 − w) + b′w + (b − a)·w′.
    /// </summary>
    /// <param name="value1">a, where w is 0.</param>
    /// <param name="value2">b, where w is 1.</param>
    /// <param name="amount">w.</param>
    public static Dual<T> Lerp(Dual<T> value1, Dual<T> value2, Dual<T> amount) =>
        Of(
            T.Lerp(value1.Value, value2.Value, amount.Value),
            Times(value1.Tangent, T.One - amount.Value) + Times(value2.Tangent, amount.Value)
                + Times(amount.Tangent, value2.Value - value1.Value));

    /// <summary>
    /// The IEEE 754 remainder x − n·y with n = x/y rounded to the nearest integer (T's); tangent x′ − n·y′, n being
    /// flat in x and y.
    /// </summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static Dual<T> Ieee754Remainder(Dual<T> left, Dual<T> right)
    {
        T remainder = T.Ieee754Remainder(left.Value, right.Value);
        return Of(remainder, RemainderTangent(left, right, remainder));
    }

    /// <summary>
    /// x′y + xy′, where a part that does not move contributes nothing even against an infinite factor. Free of calls,
    /// for the reason given in the division operator.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ProductTangent(Dual<T> left, Dual<T> right)
    {
        T fromLeft = left.Tangent * right.Value, fromRight = left.Value * right.Tangent;
        T tangent = fromLeft + fromRight;
        if (T.IsNaN(tangent))
        {
            fromLeft = T.IsZero(left.Tangent) ? T.Zero : fromLeft;
            fromRight = T.IsZero(right.Tangent) ? T.Zero : fromRight;
            tangent = fromLeft + fromRight;
        }

        return tangent;
    }

    /// <summary>
    /// x′ − n·y′ for a remainder r = x − n·y. The integer n is read back from the exact remainder, (x − r)/y rounded: it
    /// is only needed when y moves.
    /// </summary>
    private static T RemainderTangent(Dual<T> left, Dual<T> right, T remainder) =>
        right.Moves
            ? left.Tangent - (right.Tangent * T.Round((left.Value - remainder) / right.Value))
            : left.Tangent;
}
