using System.Globalization;
using System.Text;

namespace GradAssert.Reporting;

/// <summary>
/// User strings (layer, model and tensor names) made safe to print in every report format, and their width on a
/// terminal. Characters that would break a line, a table row or an XML document, or reorder the text around them, are
/// shown as a visible <c>\uXXXX</c> escape, the same in every format.
/// </summary>
internal static class DisplayText
{
    /// <summary>
    /// <paramref name="text"/> with every C0 and C1 control character, DEL, line and paragraph separator, bidirectional
    /// control, byte-order mark, U+FFFE/U+FFFF and unpaired surrogate replaced by <c>\uXXXX</c>. The result is one line,
    /// valid XML 1.0 character data once markup is escaped, and reads left to right.
    /// </summary>
    public static string Safe(string? text)
    {
        text ??= string.Empty;
        int first = FirstUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c))
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    /// <summary>
    /// How many terminal columns <paramref name="text"/> (already <see cref="Safe"/>) takes: combining marks and format
    /// characters none, East Asian wide and fullwidth characters and emoji two, everything else one.
    /// </summary>
    public static int Width(string text)
    {
        int width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            width += category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format ? 0
                : IsWide(rune.Value) ? 2
                : 1;
        }

        return width;
    }

    /// <summary><paramref name="text"/> padded with spaces to <paramref name="width"/> columns, on the right or the left.</summary>
    public static string Pad(string text, int width, bool left) =>
        Width(text) is var w && w >= width ? text : left ? new string(' ', width - w) + text : text + new string(' ', width - w);

    private static int FirstUnsafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsUnsafe(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F)                 // C0, DEL, C1 (tab, newline, NEL among them)
        || c is '\u2028' or '\u2029'                          // line and paragraph separators
        || c is '\u200E' or '\u200F' or '\u061C'              // bidirectional marks
        || (c >= '\u202A' && c <= '\u202E')                   // bidirectional embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069')                   // bidirectional isolates
        || c is '\uFEFF' or '\uFFFE' or '\uFFFF'              // byte-order mark; not characters in XML
        || char.IsSurrogate(c);                               // a surrogate without its pair

    /// <summary>East Asian wide and fullwidth ranges, and the emoji blocks terminals draw two columns wide.</summary>
    private static bool IsWide(int c) =>
        (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF)
        || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}
