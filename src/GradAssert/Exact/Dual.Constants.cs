using System.Numerics;

namespace GradAssert.Exact;

// Constants: T's own constant, tangent 0.
public readonly partial struct Dual<T>
{
    /// <summary>0, a constant.</summary>
    public static Dual<T> Zero => Flat(T.Zero);

    /// <summary>1, a constant.</summary>
    public static Dual<T> One => Flat(T.One);

    /// <summary>−1, a constant.</summary>
    public static Dual<T> NegativeOne => Flat(T.NegativeOne);

    /// <summary>−0, a constant.</summary>
    public static Dual<T> NegativeZero => Flat(T.NegativeZero);

    /// <summary>π, a constant.</summary>
    public static Dual<T> Pi => Flat(T.Pi);

    /// <summary>e, a constant.</summary>
    public static Dual<T> E => Flat(T.E);

    /// <summary>τ = 2π, a constant.</summary>
    public static Dual<T> Tau => Flat(T.Tau);

    /// <summary>T's NaN, a constant.</summary>
    public static Dual<T> NaN => Flat(T.NaN);

    /// <summary>T's smallest positive value (a subnormal for IEEE types), a constant.</summary>
    public static Dual<T> Epsilon => Flat(T.Epsilon);

    /// <summary>+∞, a constant.</summary>
    public static Dual<T> PositiveInfinity => Flat(T.PositiveInfinity);

    /// <summary>−∞, a constant.</summary>
    public static Dual<T> NegativeInfinity => Flat(T.NegativeInfinity);

    /// <summary>0, a constant.</summary>
    static Dual<T> IAdditiveIdentity<Dual<T>, Dual<T>>.AdditiveIdentity => Flat(T.AdditiveIdentity);

    /// <summary>1, a constant.</summary>
    static Dual<T> IMultiplicativeIdentity<Dual<T>, Dual<T>>.MultiplicativeIdentity => Flat(T.MultiplicativeIdentity);

    /// <summary>T's radix (2 for IEEE binary types).</summary>
    static int INumberBase<Dual<T>>.Radix => T.Radix;
}
