using System.Numerics;

namespace GradAssert.Exact;

// Classification: T's own answer for the value part; the tangent plays no part.
public readonly partial struct Dual<T>
{
    /// <summary>True when the value is in T's canonical form (always, for IEEE binary types).</summary>
    /// <param name="value">The number.</param>
    public static bool IsCanonical(Dual<T> value) => T.IsCanonical(value.Value);

    /// <summary>True when the value has a non-zero real and imaginary part (never, for real T).</summary>
    /// <param name="value">The number.</param>
    public static bool IsComplexNumber(Dual<T> value) => T.IsComplexNumber(value.Value);

    /// <summary>True when the value is an even integer.</summary>
    /// <param name="value">The number.</param>
    public static bool IsEvenInteger(Dual<T> value) => T.IsEvenInteger(value.Value);

    /// <summary>True when the value is neither infinite nor NaN.</summary>
    /// <param name="value">The number.</param>
    public static bool IsFinite(Dual<T> value) => T.IsFinite(value.Value);

    /// <summary>True when the value is purely imaginary, as T defines it.</summary>
    /// <param name="value">The number.</param>
    public static bool IsImaginaryNumber(Dual<T> value) => T.IsImaginaryNumber(value.Value);

    /// <summary>True when the value is +∞ or −∞.</summary>
    /// <param name="value">The number.</param>
    public static bool IsInfinity(Dual<T> value) => T.IsInfinity(value.Value);

    /// <summary>True when the value is an integer.</summary>
    /// <param name="value">The number.</param>
    public static bool IsInteger(Dual<T> value) => T.IsInteger(value.Value);

    /// <summary>True when the value is NaN.</summary>
    /// <param name="value">The number.</param>
    public static bool IsNaN(Dual<T> value) => T.IsNaN(value.Value);

    /// <summary>True when the value's sign bit is set (−0 and negative NaNs included).</summary>
    /// <param name="value">The number.</param>
    public static bool IsNegative(Dual<T> value) => T.IsNegative(value.Value);

    /// <summary>True when the value is −∞.</summary>
    /// <param name="value">The number.</param>
    public static bool IsNegativeInfinity(Dual<T> value) => T.IsNegativeInfinity(value.Value);

    /// <summary>True when the value is normal (not zero, subnormal, infinite or NaN).</summary>
    /// <param name="value">The number.</param>
    public static bool IsNormal(Dual<T> value) => T.IsNormal(value.Value);

    /// <summary>True when the value is an odd integer.</summary>
    /// <param name="value">The number.</param>
    public static bool IsOddInteger(Dual<T> value) => T.IsOddInteger(value.Value);

    /// <summary>True when the value's sign bit is clear (+0 and positive NaNs included).</summary>
    /// <param name="value">The number.</param>
    public static bool IsPositive(Dual<T> value) => T.IsPositive(value.Value);

    /// <summary>True when the value is +∞.</summary>
    /// <param name="value">The number.</param>
    public static bool IsPositiveInfinity(Dual<T> value) => T.IsPositiveInfinity(value.Value);

    /// <summary>True when the value is a real number (not NaN).</summary>
    /// <param name="value">The number.</param>
    public static bool IsRealNumber(Dual<T> value) => T.IsRealNumber(value.Value);

    /// <summary>True when the value is subnormal.</summary>
    /// <param name="value">The number.</param>
    public static bool IsSubnormal(Dual<T> value) => T.IsSubnormal(value.Value);

    /// <summary>True when the value is ±0.</summary>
    /// <param name="value">The number.</param>
    public static bool IsZero(Dual<T> value) => T.IsZero(value.Value);
}
