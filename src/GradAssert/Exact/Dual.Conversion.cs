using System.Numerics;

namespace GradAssert.Exact;

// Conversions through generic math (T.CreateChecked, CreateSaturating, CreateTruncating). Into a dual number: the other
// number's value as T, tangent 0, or, from another dual number, both parts converted. Out of one: the value part, and a
// live tangent dropped on the way is recorded for the watch of DroppedTangents running on this thread.
public readonly partial struct Dual<T>
{
    /// <summary>
    /// Any number as a dual number, an overflow throwing: T's checked conversion of the value with tangent 0, or, from
    /// a <c>Dual&lt;U&gt;</c>, both parts converted.
    /// </summary>
    /// <typeparam name="TOther">The type of the number.</typeparam>
    /// <param name="value">The number.</param>
    /// <exception cref="OverflowException">The value is outside T's range (for the types whose checked conversion throws).</exception>
    /// <exception cref="NotSupportedException">T cannot convert from <typeparamref name="TOther"/>.</exception>
    public static Dual<T> CreateChecked<TOther>(TOther value)
        where TOther : INumberBase<TOther> => From(value, Conversion.Checked);

    /// <summary>
    /// Any number as a dual number, an overflow saturating: T's saturating conversion of the value with tangent 0, or,
    /// from a <c>Dual&lt;U&gt;</c>, both parts converted.
    /// </summary>
    /// <typeparam name="TOther">The type of the number.</typeparam>
    /// <param name="value">The number.</param>
    /// <exception cref="NotSupportedException">T cannot convert from <typeparamref name="TOther"/>.</exception>
    public static Dual<T> CreateSaturating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => From(value, Conversion.Saturating);

    /// <summary>
    /// Any number as a dual number, an overflow truncating: T's truncating conversion of the value with tangent 0, or,
    /// from a <c>Dual&lt;U&gt;</c>, both parts converted.
    /// </summary>
    /// <typeparam name="TOther">The type of the number.</typeparam>
    /// <param name="value">The number.</param>
    /// <exception cref="NotSupportedException">T cannot convert from <typeparamref name="TOther"/>.</exception>
    public static Dual<T> CreateTruncating<TOther>(TOther value)
        where TOther : INumberBase<TOther> => From(value, Conversion.Truncating);

    /// <inheritdoc cref="INumberBase{TSelf}.TryConvertFromChecked{TOther}(TOther, out TSelf)"/>
    static bool INumberBase<Dual<T>>.TryConvertFromChecked<TOther>(TOther value, out Dual<T> result)
    {
        result = From(value, Conversion.Checked);
        return true;
    }

    /// <inheritdoc cref="INumberBase{TSelf}.TryConvertFromSaturating{TOther}(TOther, out TSelf)"/>
    static bool INumberBase<Dual<T>>.TryConvertFromSaturating<TOther>(TOther value, out Dual<T> result)
    {
        result = From(value, Conversion.Saturating);
        return true;
    }

    /// <inheritdoc cref="INumberBase{TSelf}.TryConvertFromTruncating{TOther}(TOther, out TSelf)"/>
    static bool INumberBase<Dual<T>>.TryConvertFromTruncating<TOther>(TOther value, out Dual<T> result)
    {
        result = From(value, Conversion.Truncating);
        return true;
    }

    /// <inheritdoc cref="INumberBase{TSelf}.TryConvertToChecked{TOther}(TSelf, out TOther)"/>
    static bool INumberBase<Dual<T>>.TryConvertToChecked<TOther>(Dual<T> value, out TOther result) =>
        TryConvertTo(value, Conversion.Checked, out result);

    /// <inheritdoc cref="INumberBase{TSelf}.TryConvertToSaturating{TOther}(TSelf, out TOther)"/>
    static bool INumberBase<Dual<T>>.TryConvertToSaturating<TOther>(Dual<T> value, out TOther result) =>
        TryConvertTo(value, Conversion.Saturating, out result);

    /// <inheritdoc cref="INumberBase{TSelf}.TryConvertToTruncating{TOther}(TSelf, out TOther)"/>
    static bool INumberBase<Dual<T>>.TryConvertToTruncating<TOther>(Dual<T> value, out TOther result) =>
        TryConvertTo(value, Conversion.Truncating, out result);

    /// <inheritdoc/>
    (TPart Value, TPart Tangent) IDualParts.PartsAs<TPart>(Conversion conversion) =>
        (conversion.Apply<T, TPart>(Value), conversion.Apply<T, TPart>(Tangent));

    /// <summary>
    /// Any number as a dual number: a dual number's two parts, anything else as a constant. A type T cannot convert from
    /// throws T's own <see cref="NotSupportedException"/>, so the conversion never reports "unsupported" to fall back on
    /// the other type's: no other type knows how to make a dual number.
    /// </summary>
    private static Dual<T> From<TOther>(TOther value, Conversion conversion)
        where TOther : INumberBase<TOther>
    {
        if (typeof(TOther) == typeof(Dual<T>))
        {
            return (Dual<T>)(object)value;
        }

        if (value is IDualParts dual)
        {
            var (part, tangent) = dual.PartsAs<T>(conversion);
            return Of(part, tangent);
        }

        return Converted(value, conversion.Apply<TOther, T>(value));
    }

    /// <summary>The value part as another number type; a live tangent is dropped, and recorded.</summary>
    private static bool TryConvertTo<TOther>(Dual<T> value, Conversion conversion, out TOther result)
        where TOther : INumberBase<TOther>
    {
        result = conversion.Apply<T, TOther>(value.Value);
        if (value.Moves)
        {
            DroppedTangents.Record<TOther>();
        }

        return true;
    }
}
