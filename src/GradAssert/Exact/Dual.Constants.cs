using System.Numerics;

namespace GradAssert.Exact;

// Constants: T's own constant, tangent 0; those T holds exactly carry no rounding in a rounding-noise scope.
public readonly partial struct Dual<T>
{
    /// <summary>0, a constant.</summary>
    public static Dual<T> Zero => Held(T.Zero);

    /// <summary>1, a constant.</summary>
    public static Dual<T> One => Held(T.One);

    /// <summary>−1, a constant.</summary>
    public static Dual<T> NegativeOne => Held(T.NegativeOne);

    /// <summary>−0, a constant.</summary>
    public static Dual<T> NegativeZero => Held(T.NegativeZero);

    /// <summary>π, a constant.</summary>
    public static Dual<T> Pi => Flat(T.Pi);

    /// <summary>e, a constant.</summary>
    public static Dual<T> E => Flat(T.E);

    /// <summary>τ = 2π, a constant.</summary>
    public static Dual<T> Tau => Flat(T.Tau);

    /// <summary>T's NaN, a constant.</summary>
    public static Dual<T> NaN => Held(T.NaN);

    /// <summary>T's smallest positive value (a subnormal for IEEE types), a constant.</summary>
    public static Dual<T> Epsilon => Held(T.Epsilon);

    /// <summary>+∞, a constant.</summary>
    public static Dual<T> PositiveInfinity => Held(T.PositiveInfinity);

    /// <summary>−∞, a constant.</summary>
    public static Dual<T> NegativeInfinity => Held(T.NegativeInfinity);

    /// <summary>0, a constant.</summary>
    static Dual<T> IAdditiveIdentity<Dual<T>, Dual<T>>.AdditiveIdentity => Held(T.AdditiveIdentity);

    /// <summary>1, a constant.</summary>
    static Dual<T> IMultiplicativeIdentity<Dual<T>, Dual<T>>.MultiplicativeIdentity => Held(T.MultiplicativeIdentity);

    /// <summary>T's radix (2 for IEEE binary types).</summary>
    static int INumberBase<Dual<T>>.Radix => T.Radix;
}
