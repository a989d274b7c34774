using System.Globalization;
using System.Numerics;

namespace GradAssert.Exact;

// Text: the value part exactly as T writes it, so that a layer's messages and files read the same at Dual<T> as at T;
// ToDualString shows both parts.
public readonly partial struct Dual<T>
{
    /// <summary>The value as T writes it (the tangent is left out; see <see cref="ToDualString"/>).</summary>
    public override string ToString() => Value.ToString() ?? string.Empty;

    /// <summary>The value as T writes it with this format (the tangent is left out; see <see cref="ToDualString"/>).</summary>
    /// <param name="format">A numeric format string for T, or null.</param>
    /// <param name="formatProvider">The culture, or null for the current one.</param>
    public string ToString(string? format, IFormatProvider? formatProvider) => Value.ToString(format, formatProvider);

    /// <summary>Writes the value as T writes it into <paramref name="destination"/> (the tangent is left out).</summary>
    /// <param name="destination">Where the characters go.</param>
    /// <param name="charsWritten">How many were written.</param>
    /// <param name="format">A numeric format for T, or empty.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <returns>False when the destination is too short.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, format, provider);

    /// <summary>Writes the value as T writes it, as UTF-8, into <paramref name="utf8Destination"/> (the tangent is left out).</summary>
    /// <param name="utf8Destination">Where the bytes go.</param>
    /// <param name="bytesWritten">How many were written.</param>
    /// <param name="format">A numeric format for T, or empty.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <returns>False when the destination is too short.</returns>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(utf8Destination, out bytesWritten, format, provider);

    /// <inheritdoc cref="TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten, format, provider);

    /// <summary>
    /// Both parts as <c>a + bε</c> (or <c>a − bε</c> for a negative tangent), each as T writes it with this format:
    /// <c>1.5 + 0.25ε</c>.
    /// </summary>
    /// <param name="format">A numeric format string for T, or null.</param>
    /// <param name="formatProvider">The culture, or null for the current one.</param>
    public string ToDualString(string? format = null, IFormatProvider? formatProvider = null)
    {
        bool minus = T.IsNegative(Tangent) && !T.IsNaN(Tangent);
        string tangent = (minus ? -Tangent : Tangent).ToString(format, formatProvider);
        return $"{Value.ToString(format, formatProvider)} {(minus ? '−' : '+')} {tangent}ε";
    }
}
