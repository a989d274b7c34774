using System.Numerics;

namespace GradAssert.Exact;

// Equality and order, on the value part only.
public readonly partial struct Dual<T>
{
    /// <summary>True when the values are equal (IEEE: NaN equals nothing, −0 equals +0); tangents are not compared.</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static bool operator ==(Dual<T> left, Dual<T> right) => left.Value == right.Value;

    /// <summary>True when the values differ (IEEE); tangents are not compared.</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static bool operator !=(Dual<T> left, Dual<T> right) => left.Value != right.Value;

    /// <summary>Compares the values (IEEE: false when either is NaN).</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static bool operator <(Dual<T> left, Dual<T> right) => left.Value < right.Value;

    /// <summary>Compares the values (IEEE: false when either is NaN).</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static bool operator >(Dual<T> left, Dual<T> right) => left.Value > right.Value;

    /// <summary>Compares the values (IEEE: false when either is NaN).</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static bool operator <=(Dual<T> left, Dual<T> right) => left.Value <= right.Value;

    /// <summary>Compares the values (IEEE: false when either is NaN).</summary>
    /// <param name="left">x.</param>
    /// <param name="right">y.</param>
    public static bool operator >=(Dual<T> left, Dual<T> right) => left.Value >= right.Value;

    /// <summary>T's <c>Equals</c> on the values (NaN equals NaN, as for <see cref="double.Equals(double)"/>); tangents are not compared.</summary>
    /// <param name="other">The other number.</param>
    public bool Equals(Dual<T> other) => Value.Equals(other.Value);

    /// <summary>True when <paramref name="obj"/> is a dual number whose value equals this one's (see <see cref="Equals(Dual{T})"/>).</summary>
    /// <param name="obj">The other object.</param>
    public override bool Equals(object? obj) => obj is Dual<T> other && Equals(other);

    /// <summary>The value's hash code, consistent with <see cref="Equals(Dual{T})"/>.</summary>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>T's total order of the values (NaN first); tangents are not compared.</summary>
    /// <param name="other">The other number.</param>
    public int CompareTo(Dual<T> other) => Value.CompareTo(other.Value);

    /// <summary>Compares with another dual number by value; any dual number is greater than null.</summary>
    /// <param name="obj">A <see cref="Dual{T}"/> or null.</param>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is neither null nor a <see cref="Dual{T}"/>.</exception>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Dual<T> other => CompareTo(other),
        _ => throw new ArgumentException($"Object must be of type {nameof(Dual<T>)}<{typeof(T).Name}>.", nameof(obj)),
    };
}
