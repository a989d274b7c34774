using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace GradAssert.Exact;

// Parsing: T's text into a constant (tangent 0), whatever T accepts and nothing else.
public readonly partial struct Dual<T>
{
    /// <summary>Reads T's text into a constant.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <exception cref="FormatException">T cannot read the text.</exception>
    public static Dual<T> Parse(string s, IFormatProvider? provider) => Flat(T.Parse(s, provider));

    /// <summary>Reads T's text, in the given styles, into a constant.</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">The number styles allowed.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <exception cref="FormatException">T cannot read the text.</exception>
    public static Dual<T> Parse(string s, NumberStyles style, IFormatProvider? provider) => Flat(T.Parse(s, style, provider));

    /// <summary>Reads T's text into a constant.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <exception cref="FormatException">T cannot read the text.</exception>
    public static Dual<T> Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Flat(T.Parse(s, provider));

    /// <summary>Reads T's text, in the given styles, into a constant.</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">The number styles allowed.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <exception cref="FormatException">T cannot read the text.</exception>
    public static Dual<T> Parse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider) =>
        Flat(T.Parse(s, style, provider));

    /// <summary>Reads T's UTF-8 text into a constant.</summary>
    /// <param name="utf8Text">The text, as UTF-8.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <exception cref="FormatException">T cannot read the text.</exception>
    public static Dual<T> Parse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider) => Flat(T.Parse(utf8Text, provider));

    /// <summary>Reads T's UTF-8 text, in the given styles, into a constant.</summary>
    /// <param name="utf8Text">The text, as UTF-8.</param>
    /// <param name="style">The number styles allowed.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <exception cref="FormatException">T cannot read the text.</exception>
    public static Dual<T> Parse(ReadOnlySpan<byte> utf8Text, NumberStyles style, IFormatProvider? provider) =>
        Flat(T.Parse(utf8Text, style, provider));

    /// <summary>Reads T's text into a constant, or says it cannot.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <param name="result">The constant, or 0.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Dual<T> result) =>
        Parsed(T.TryParse(s, provider, out T value), value, out result);

    /// <summary>Reads T's text, in the given styles, into a constant, or says it cannot.</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">The number styles allowed.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <param name="result">The constant, or 0.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, NumberStyles style, IFormatProvider? provider, out Dual<T> result) =>
        Parsed(T.TryParse(s, style, provider, out T value), value, out result);

    /// <summary>Reads T's text into a constant, or says it cannot.</summary>
    /// <param name="s">The text.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <param name="result">The constant, or 0.</param>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out Dual<T> result) =>
        Parsed(T.TryParse(s, provider, out T value), value, out result);

    /// <summary>Reads T's text, in the given styles, into a constant, or says it cannot.</summary>
    /// <param name="s">The text.</param>
    /// <param name="style">The number styles allowed.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <param name="result">The constant, or 0.</param>
    public static bool TryParse(ReadOnlySpan<char> s, NumberStyles style, IFormatProvider? provider, out Dual<T> result) =>
        Parsed(T.TryParse(s, style, provider, out T value), value, out result);

    /// <summary>Reads T's UTF-8 text into a constant, or says it cannot.</summary>
    /// <param name="utf8Text">The text, as UTF-8.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <param name="result">The constant, or 0.</param>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider, out Dual<T> result) =>
        Parsed(T.TryParse(utf8Text, provider, out T value), value, out result);

    /// <summary>Reads T's UTF-8 text, in the given styles, into a constant, or says it cannot.</summary>
    /// <param name="utf8Text">The text, as UTF-8.</param>
    /// <param name="style">The number styles allowed.</param>
    /// <param name="provider">The culture, or null for the current one.</param>
    /// <param name="result">The constant, or 0.</param>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, NumberStyles style, IFormatProvider? provider, out Dual<T> result) =>
        Parsed(T.TryParse(utf8Text, style, provider, out T value), value, out result);

    private static bool Parsed(bool parsed, T value, out Dual<T> result)
    {
        result = parsed ? Flat(value) : Zero;
        return parsed;
    }
}
