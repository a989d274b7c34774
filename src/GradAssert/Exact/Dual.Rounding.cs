using System.Globalization;
using System.Numerics;

namespace GradAssert.Exact;

// Rounding to integers and digits is flat (tangent 0: the result does not move between its jumps); stepping to the next
// representable value and reading the exponent follow the value.
public readonly partial struct Dual<T>
{
    /// <summary>x rounded to the nearest integer, ties to even; tangent 0.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Round(Dual<T> x) => Flat(T.Round(x.Value));

    /// <summary>x rounded to <paramref name="digits"/> fractional digits, ties to even; tangent 0.</summary>
    /// <param name="x">x.</param>
    /// <param name="digits">The number of fractional digits.</param>
    public static Dual<T> Round(Dual<T> x, int digits) => Flat(T.Round(x.Value, digits));

    /// <summary>x rounded to an integer by <paramref name="mode"/>; tangent 0.</summary>
    /// <param name="x">x.</param>
    /// <param name="mode">How to round.</param>
    public static Dual<T> Round(Dual<T> x, MidpointRounding mode) => Flat(T.Round(x.Value, mode));

    /// <summary>x rounded to <paramref name="digits"/> fractional digits by <paramref name="mode"/>; tangent 0.</summary>
    /// <param name="x">x.</param>
    /// <param name="digits">The number of fractional digits.</param>
    /// <param name="mode">How to round.</param>
    public static Dual<T> Round(Dual<T> x, int digits, MidpointRounding mode) => Flat(T.Round(x.Value, digits, mode));

    /// <summary>The largest integer not above x; tangent 0.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Floor(Dual<T> x) => Flat(T.Floor(x.Value));

    /// <summary>The smallest integer not below x; tangent 0.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Ceiling(Dual<T> x) => Flat(T.Ceiling(x.Value));

    /// <summary>x with its fractional part dropped; tangent 0.</summary>
    /// <param name="x">x.</param>
    public static Dual<T> Truncate(Dual<T> x) => Flat(T.Truncate(x.Value));

    /// <summary>The next representable value above x; the tangent is x′ (a step of one unit in the last place).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> BitIncrement(Dual<T> x) => Of(T.BitIncrement(x.Value), x.Tangent);

    /// <summary>The next representable value below x; the tangent is x′ (a step of one unit in the last place).</summary>
    /// <param name="x">x.</param>
    public static Dual<T> BitDecrement(Dual<T> x) => Of(T.BitDecrement(x.Value), x.Tangent);

    /// <summary>The binary exponent of the value, as T's <c>ILogB</c>.</summary>
    /// <param name="x">x.</param>
    public static int ILogB(Dual<T> x) => T.ILogB(x.Value);

#if NET9_0_OR_GREATER
    /// <summary>The value converted to an integer type, saturating, as T's <c>ConvertToInteger</c> (flat: nothing is dropped).</summary>
    /// <typeparam name="TInteger">The integer type.</typeparam>
    /// <param name="value">x.</param>
    public static TInteger ConvertToInteger<TInteger>(Dual<T> value)
        where TInteger : IBinaryInteger<TInteger> => T.ConvertToInteger<TInteger>(value.Value);

    /// <summary>The value converted to an integer type with the platform's overflow behaviour, as T's <c>ConvertToIntegerNative</c>.</summary>
    /// <typeparam name="TInteger">The integer type.</typeparam>
    /// <param name="value">x.</param>
    public static TInteger ConvertToIntegerNative<TInteger>(Dual<T> value)
        where TInteger : IBinaryInteger<TInteger> => T.ConvertToIntegerNative<TInteger>(value.Value);
#endif
}
