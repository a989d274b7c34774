using System.Numerics;

namespace GradAssert.Exact;

// The piecewise functions that pick one of their operands (Max, Min and their Number, Magnitude and Native forms,
// Clamp). T's own function gives the value, so it is T's bit for bit on every runtime (the IEEE 754:2019 rules for NaN
// and ±0, and Clamp's, which changed between .NET 8 and 9); the tangent is that of the operand whose value it is: the
// slope of the branch taken. When several operands hold that value (a tie), the first of them in the order the
// member's documentation gives.
public readonly partial struct Dual<T>
{
    /// <summary>The greater of x and y, as T's <c>Max</c> (NaN if either is NaN, +0 above −0); that operand's tangent, x's at a tie.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> Max(Dual<T> x, Dual<T> y) => Picked(T.Max(x.Value, y.Value), x, y);

    /// <summary>The smaller of x and y, as T's <c>Min</c> (NaN if either is NaN, −0 below +0); that operand's tangent, x's at a tie.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> Min(Dual<T> x, Dual<T> y) => Picked(T.Min(x.Value, y.Value), x, y);

    /// <summary>The greater of x and y, the number if the other is NaN, as T's <c>MaxNumber</c>; that operand's tangent, x's at a tie.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> MaxNumber(Dual<T> x, Dual<T> y) => Picked(T.MaxNumber(x.Value, y.Value), x, y);

    /// <summary>The smaller of x and y, the number if the other is NaN, as T's <c>MinNumber</c>; that operand's tangent, x's at a tie.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> MinNumber(Dual<T> x, Dual<T> y) => Picked(T.MinNumber(x.Value, y.Value), x, y);

    /// <summary>The operand of greater magnitude, as T's <c>MaxMagnitude</c> (NaN if either is NaN); its tangent, x's at a tie.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> MaxMagnitude(Dual<T> x, Dual<T> y) => Picked(T.MaxMagnitude(x.Value, y.Value), x, y);

    /// <summary>The operand of smaller magnitude, as T's <c>MinMagnitude</c> (NaN if either is NaN); its tangent, x's at a tie.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> MinMagnitude(Dual<T> x, Dual<T> y) => Picked(T.MinMagnitude(x.Value, y.Value), x, y);

    /// <summary>The operand of greater magnitude, the number if the other is NaN, as T's <c>MaxMagnitudeNumber</c>; its tangent, x's at a tie.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> MaxMagnitudeNumber(Dual<T> x, Dual<T> y) => Picked(T.MaxMagnitudeNumber(x.Value, y.Value), x, y);

    /// <summary>The operand of smaller magnitude, the number if the other is NaN, as T's <c>MinMagnitudeNumber</c>; its tangent, x's at a tie.</summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> MinMagnitudeNumber(Dual<T> x, Dual<T> y) => Picked(T.MinMagnitudeNumber(x.Value, y.Value), x, y);

    /// <summary>
    /// <paramref name="value"/> limited to [min, max], as T's <c>Clamp</c>; the tangent of the operand whose value it is.
    /// At a bound (value equal to min or max) the value's own tangent, the slope from inside the range.
    /// </summary>
    /// <param name="value">The number to limit.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/> (T's own check).</exception>
    public static Dual<T> Clamp(Dual<T> value, Dual<T> min, Dual<T> max) =>
        Picked(T.Clamp(value.Value, min.Value, max.Value), value, min, max);

#if NET9_0_OR_GREATER
    /// <summary>
    /// The greater of x and y with the platform's handling of NaN and ±0, as T's <c>MaxNative</c>; that operand's
    /// tangent, y's at a tie (as <c>x &gt; y ? x : y</c>).
    /// </summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> MaxNative(Dual<T> x, Dual<T> y) => Picked(T.MaxNative(x.Value, y.Value), y, x);

    /// <summary>
    /// The smaller of x and y with the platform's handling of NaN and ±0, as T's <c>MinNative</c>; that operand's
    /// tangent, y's at a tie (as <c>x &lt; y ? x : y</c>).
    /// </summary>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public static Dual<T> MinNative(Dual<T> x, Dual<T> y) => Picked(T.MinNative(x.Value, y.Value), y, x);

    /// <summary>
    /// <paramref name="value"/> limited to [min, max] with the platform's handling of NaN, as T's <c>ClampNative</c>;
    /// the tangent of the operand whose value it is, the value's at a bound.
    /// </summary>
    /// <param name="value">The number to limit.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    public static Dual<T> ClampNative(Dual<T> value, Dual<T> min, Dual<T> max) =>
        Picked(T.ClampNative(value.Value, min.Value, max.Value), value, min, max);
#endif

    /// <summary>|x|; tangent x′ where x's sign bit is clear, −x′ where it is set (so −x′ at −0, x′ at +0).</summary>
    /// <param name="value">x.</param>
    public static Dual<T> Abs(Dual<T> value) =>
        Of(T.Abs(value.Value), T.IsNegative(value.Value) ? -value.Tangent : value.Tangent);

    /// <summary>
    /// x with the sign of y; tangent x′, negated when the sign changes. Flat in y (the jump at y = 0 has no slope).
    /// </summary>
    /// <param name="value">x.</param>
    /// <param name="sign">y.</param>
    public static Dual<T> CopySign(Dual<T> value, Dual<T> sign) =>
        Of(
            T.CopySign(value.Value, sign.Value),
            T.IsNegative(value.Value) == T.IsNegative(sign.Value) ? value.Tangent : -value.Tangent);

    /// <summary>The sign of the value: −1, 0 or 1, as T's <c>Sign</c> (which throws for NaN).</summary>
    /// <param name="value">x.</param>
    public static int Sign(Dual<T> value) => T.Sign(value.Value);

    /// <summary>T's result with the tangent of the first operand that holds it.</summary>
    private static Dual<T> Picked(T result, Dual<T> first, Dual<T> second) =>
        Of(result, Holds(first, result) ? first.Tangent : second.Tangent);

    /// <summary>T's result with the tangent of the first operand that holds it.</summary>
    private static Dual<T> Picked(T result, Dual<T> first, Dual<T> second, Dual<T> third) =>
        Of(result, Holds(first, result) ? first.Tangent : Holds(second, result) ? second.Tangent : third.Tangent);

    /// <summary>True when the operand's value is <paramref name="result"/>: equal with the same sign, or both NaN.</summary>
    private static bool Holds(Dual<T> operand, T result) =>
        operand.Value == result ? T.IsNegative(operand.Value) == T.IsNegative(result) : T.IsNaN(operand.Value) && T.IsNaN(result);
}
