using System.Numerics;

namespace GradAssert.Exact;

/// <summary>The three ways generic math converts between number types.</summary>
internal enum Conversion
{
    /// <summary><c>CreateChecked</c>: an overflow throws.</summary>
    Checked,

    /// <summary><c>CreateSaturating</c>: an overflow gives the nearest representable value.</summary>
    Saturating,

    /// <summary><c>CreateTruncating</c>: an overflow wraps or truncates.</summary>
    Truncating,
}

/// <summary>Applies a <see cref="Conversion"/>.</summary>
internal static class ConversionExtensions
{
    /// <summary><paramref name="value"/> as a <typeparamref name="TTo"/>, converted the given way.</summary>
    public static TTo Apply<TFrom, TTo>(this Conversion conversion, TFrom value)
        where TFrom : INumberBase<TFrom>
        where TTo : INumberBase<TTo> => conversion switch
        {
            Conversion.Checked => TTo.CreateChecked(value),
            Conversion.Saturating => TTo.CreateSaturating(value),
            _ => TTo.CreateTruncating(value),
        };
}
