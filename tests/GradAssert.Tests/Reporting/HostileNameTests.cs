using System.Text.Json;
using System.Xml.Linq;
using GradAssert.Reporting;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Reporting;

/// <summary>
/// Layer, model and tensor names are the user's strings. Whatever they hold, the SVG is well-formed XML, the Markdown
/// table keeps its cells, the text table keeps one aligned line per row, and the JSON parses.
/// </summary>
public sealed class HostileNameTests
{
    public static TheoryData<string> Names =>
    [
        "tab\there", "new\nline", "cr\rlf", "pipe|bar", "nul\0", "bell\u0007", "esc\u001b[31m", "del\u007f", "c1\u0085",
        "line\u2028sep", "rtl\u202Eevil", "nonchar\uFFFE", "lone\uD800", "amp&<lt>\"q'", "back`tick`", "wide漢字", "emoji😀",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Svg_is_well_formed_xml_for_any_name(string name)
    {
        var report = Check(name);

        string svg = report.ToSvg();

        Should.NotThrow(() => XDocument.Parse(svg));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Markdown_rows_keep_their_cells_for_any_name(string name)
    {
        var report = Check(name);

        var lines = report.ToMarkdown().Split('\n');

        int header = Array.FindIndex(lines, l => l.StartsWith("| scope |", StringComparison.Ordinal));
        int cells = Cells(lines[header]);
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToArray();
        rows.Length.ShouldBe(report.Tensors.Count);
        rows.ShouldAllBe(row => Cells(row) == cells);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Markdown_never_lets_a_name_break_a_line(string name)
    {
        string markdown = Check(name).ToMarkdown();

        markdown.Split('\n').Where(l => l.Length > 0).ShouldAllBe(l => !l.Contains('\r') && !l.Contains('\u2028') && !l.Contains('\u0085'));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Text_table_keeps_one_aligned_line_per_row_for_any_name(string name)
    {
        var report = Check(name);

        var lines = report.ToString().Split('\n');

        int end = Array.FindIndex(lines, l => l.StartsWith("End to end", StringComparison.Ordinal));
        int local = Array.FindIndex(lines, l => l.StartsWith("Layer by layer", StringComparison.Ordinal));
        var endToEnd = lines.Skip(end + 1).TakeWhile(l => l.Length > 0).ToArray();
        var layerRows = lines.Skip(local + 1).TakeWhile(l => l.Length > 0).ToArray();
        endToEnd.Length.ShouldBe(1 + report.Tensors.Count(t => t.Scope == CheckScope.EndToEnd));
        layerRows.Length.ShouldBe(1 + report.Tensors.Count(t => t.Scope == CheckScope.Local));
        foreach (var table in new[] { endToEnd, layerRows })
        {
            int shape = DisplayText.Width(table[0][..table[0].IndexOf("shape", StringComparison.Ordinal)]);
            foreach (string row in table.Skip(1))
            {
                (DisplayText.Width(row[..row.IndexOf("  [", StringComparison.Ordinal)]) + 2).ShouldBe(shape, row);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Json_parses_and_keeps_the_names_for_any_name(string name)
    {
        var report = Check(name);

        using var json = JsonDocument.Parse(report.ToJson());

        var layers = json.RootElement.GetProperty("tensors").EnumerateArray().Select(t => t.GetProperty("layer").GetString()).ToArray();
        layers.ShouldBe(report.Tensors.Select(t => ValidUtf16(t.Layer)).ToArray());
        json.RootElement.GetProperty("model").GetString().ShouldBe(ValidUtf16(name));
    }

    [Fact]
    public void A_control_character_shows_as_the_same_visible_escape_everywhere()
    {
        var report = Check("a\u0001b");

        report.ToString().ShouldContain("a\\u0001b");
        report.ToMarkdown().ShouldContain("a\\u0001b");
        report.ToSvg().ShouldContain("a\\u0001b");
    }

    [Fact]
    public void Text_cells_are_padded_by_display_width()
    {
        var table = new TextTable("name", "value");
        table.Add("漢字", "1");
        table.Add("ab", "2");
        table.Add("e\u0301", "3");
        var text = new System.Text.StringBuilder();

        table.WriteTo(text, string.Empty);

        text.ToString().Split('\n').ShouldBe(["name  value", "漢字  1", "ab    2", "e\u0301     3", string.Empty]);
    }

    /// <summary>A model, a leaf and a parameter all named <paramref name="name"/>; the leaf's weight gradient is wrong.</summary>
    private static GradientReport Check(string name) => GradCheck.Layer(
        new Sequential<double>(name, new Scale<double>(3, name, parameter: name) { Bug = 2 }, new Tanh<double>(name)),
        new GradientCase(1).Normal<double>(2, 3));

    private static int Cells(string row)
    {
        int pipes = 0;
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] == '|' && (i == 0 || row[i - 1] != '\\'))
            {
                pipes++;
            }
        }

        return pipes - 1;
    }

    private static string ValidUtf16(string text)
    {
        var valid = new System.Text.StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            bool pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                valid.Append(text, i++, 2);
            }
            else
            {
                valid.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return valid.ToString();
    }
}
