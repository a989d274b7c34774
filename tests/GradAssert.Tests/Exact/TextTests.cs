using System.Globalization;
using System.Numerics;
using System.Text;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Text: a dual number writes its value exactly as T does (so a layer's messages read the same at the dual type),
/// <see cref="Dual{T}.ToDualString"/> writes both parts, and parsing reads T's text into a constant.
/// </summary>
public sealed class TextTests
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    [Fact]
    public void Formatting_writes_the_value_as_T_does()
    {
        WritesLikeT<double>();
        WritesLikeT<float>();
    }

    [Fact]
    public void Dual_string_shows_both_parts()
    {
        new Dual<double>(1.5, 0.25).ToDualString(null, CultureInfo.InvariantCulture).ShouldBe("1.5 + 0.25ε");
        new Dual<double>(1.5, -0.25).ToDualString(null, CultureInfo.InvariantCulture).ShouldBe("1.5 − 0.25ε");
        new Dual<float>(-2, float.NaN).ToDualString("F1", CultureInfo.InvariantCulture).ShouldBe("-2.0 + NaNε");
        new Dual<double>(1.5, 0.25).ToDualString("F2", German).ShouldBe("1,50 + 0,25ε");
    }

    [Fact]
    public void Parsing_reads_Ts_text_into_a_constant()
    {
        ReadsLikeT<double>();
        ReadsLikeT<float>();
    }

    [Fact]
    public void Text_T_cannot_read_is_refused()
    {
        Dual<double>.TryParse("1.5 + 0.25ε", CultureInfo.InvariantCulture, out var result).ShouldBeFalse();
        result.ShouldBe(Dual<double>.Zero);
        Dual<double>.TryParse((string?)null, CultureInfo.InvariantCulture, out _).ShouldBeFalse();
        Dual<float>.TryParse("x"u8, NumberStyles.Float, null, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => Dual<double>.Parse("one", CultureInfo.InvariantCulture));
    }

    private static void WritesLikeT<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<char> chars = stackalloc char[64];
        Span<byte> bytes = stackalloc byte[64];
        foreach (T x in DualPoints.All<T>())
        {
            var dual = new Dual<T>(x, DualPoints.Of<T>(0.125));
            dual.ToString().ShouldBe(x.ToString());
            $"{dual}".ShouldBe($"{x}");
            dual.ToString("E3", German).ShouldBe(x.ToString("E3", German));
            dual.ToString("R", CultureInfo.InvariantCulture).ShouldBe(x.ToString("R", CultureInfo.InvariantCulture));

            dual.TryFormat(chars, out int charCount, "G5", German).ShouldBeTrue();
            chars[..charCount].ToString().ShouldBe(x.ToString("G5", German));
            dual.TryFormat(bytes, out int byteCount, "G", CultureInfo.InvariantCulture).ShouldBeTrue();
            Encoding.UTF8.GetString(bytes[..byteCount]).ShouldBe(x.ToString("G", CultureInfo.InvariantCulture));
            dual.TryFormat(chars[..1], out _, "R", null).ShouldBe(x.TryFormat(chars[..1], out _, "R", null));
        }
    }

    private static void ReadsLikeT<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var invariant = CultureInfo.InvariantCulture;
        foreach (T x in DualPoints.All<T>())
        {
            string text = x.ToString("R", invariant);
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            T own = T.Parse(text, invariant);
            Dual<T>[] parsed =
            [
                Dual<T>.Parse(text, invariant),
                Dual<T>.Parse(text, NumberStyles.Float, invariant),
                Dual<T>.Parse(text.AsSpan(), invariant),
                Dual<T>.Parse(text.AsSpan(), NumberStyles.Float, invariant),
                Dual<T>.Parse(utf8, invariant),
                Dual<T>.Parse(utf8, NumberStyles.Float, invariant),
                Dual<T>.TryParse(text, invariant, out var a) ? a : Dual<T>.NaN,
                Dual<T>.TryParse(text, NumberStyles.Float, invariant, out var b) ? b : Dual<T>.NaN,
                Dual<T>.TryParse(text.AsSpan(), invariant, out var c) ? c : Dual<T>.NaN,
                Dual<T>.TryParse(text.AsSpan(), NumberStyles.Float, invariant, out var d) ? d : Dual<T>.NaN,
                Dual<T>.TryParse(utf8, invariant, out var e) ? e : Dual<T>.NaN,
                Dual<T>.TryParse(utf8, NumberStyles.Float, invariant, out var f) ? f : Dual<T>.NaN,
            ];
            foreach (var p in parsed)
            {
                DualPoints.SameBits(p.Value, own).ShouldBeTrue(text);
                DualPoints.SameBits(p.Tangent, T.Zero).ShouldBeTrue(text);
            }
        }
    }
}
