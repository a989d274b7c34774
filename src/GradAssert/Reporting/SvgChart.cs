using System.Globalization;
using System.Security;
using System.Text;
using GradAssert.Engine;

namespace GradAssert.Reporting;

/// <summary>
/// Draws a <see cref="GradientReport"/> as an SVG bar chart: one horizontal bar per (layer, tensor) on a log scale of the
/// normalized difference, the course's bands (1e-7, 1e-5, 1e-3) shaded and labelled, failing bars in red and marked.
/// Bars and bands carry data attributes, so tests and tools can read the chart back.
/// </summary>
internal static class SvgChart
{
    /// <summary>The smallest difference drawn; anything below (an exact match included) sits at the axis.</summary>
    public const double Floor = 1e-16;

    private const int Width = 1010, LabelWidth = 250, PlotWidth = 560, RowHeight = 22, Top = 78, SectionGap = 26;
    private const int PlotLeft = LabelWidth + 10;

    /// <summary>The x position of a difference: log scale from 1e-16 at the left to 1 at the right.</summary>
    public static double X(double difference)
    {
        double d = double.IsNaN(difference) ? 1 : Math.Clamp(difference, Floor, 1);
        return PlotLeft + ((Math.Log10(d) - Math.Log10(Floor)) / -Math.Log10(Floor) * PlotWidth);
    }

    public static string Render(GradientReport report)
    {
        var sections = new[]
        {
            (Title: report.Layered ? "End to end" : "Tensors", Rows: report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd).ToArray()),
            (Title: "Layer by layer", Rows: report.Tensors.Where(t => t.Scope == CheckScope.Local).ToArray()),
        }.Where(s => s.Rows.Length > 0).ToArray();

        int rows = sections.Sum(s => s.Rows.Length);
        int plotBottom = Top + (rows * RowHeight) + (sections.Length * SectionGap);
        int height = plotBottom + 64;
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>");

        string status = report.Passed ? "passed" : "FAILED";
        Append(svg, $"<text x=\"16\" y=\"26\" font-size=\"17\" font-weight=\"bold\" fill=\"{(report.Passed ? "#1b5e20" : "#b71c1c")}\">Gradient check {status}: {Escape(report.Model)} ({report.Precision}), seed {report.Seed}</text>");
        string blamed = report.Blamed.Count > 0 ? $"Blamed: {string.Join(", ", report.Blamed)}" : "Blamed: none";
        Append(svg, $"<text x=\"16\" y=\"46\" fill=\"#333\">Normalized difference ‖g−n‖/(‖g‖+‖n‖), log scale. Overall {ReportTable.Sci(report.Difference)} ({report.Verdict}). {Escape(blamed)}</text>");

        Bands(svg, Top - 14, plotBottom);

        double y = Top;
        foreach (var (title, sectionRows) in sections)
        {
            Append(svg, $"<text x=\"16\" y=\"{y + 16}\" font-weight=\"bold\" fill=\"#222\">{title}</text>");
            y += SectionGap;
            foreach (var row in sectionRows)
            {
                Bar(svg, row, y);
                y += RowHeight;
            }
        }

        Axis(svg, plotBottom);
        Append(svg, "</svg>");
        return svg.ToString();
    }

    private static void Bands(StringBuilder svg, int top, int bottom)
    {
        (double From, double To, string Fill, string Name)[] bands =
        [
            (Floor, VerdictBands.Great, "#e8f5e9", "great"),
            (VerdictBands.Great, VerdictBands.Careful, "#f9fbe7", "careful"),
            (VerdictBands.Careful, VerdictBands.Worried, "#fff3e0", "worried"),
            (VerdictBands.Worried, 1, "#ffebee", "wrong"),
        ];
        foreach (var band in bands)
        {
            double x0 = X(band.From), x1 = X(band.To);
            Append(svg, $"<rect class=\"band\" data-band=\"{band.Name}\" x=\"{F(x0)}\" y=\"{top}\" width=\"{F(x1 - x0)}\" height=\"{bottom - top}\" fill=\"{band.Fill}\"/>");
            Append(svg, $"<text x=\"{F((x0 + x1) / 2)}\" y=\"{top - 4}\" text-anchor=\"middle\" fill=\"#555\">{band.Name}</text>");
        }

        foreach (double line in new[] { VerdictBands.Great, VerdictBands.Careful, VerdictBands.Worried })
        {
            Append(svg, $"<line class=\"threshold\" data-threshold=\"{line.ToString("0e0", CultureInfo.InvariantCulture)}\" x1=\"{F(X(line))}\" y1=\"{top}\" x2=\"{F(X(line))}\" y2=\"{bottom}\" stroke=\"#777\" stroke-dasharray=\"4 3\"/>");
        }
    }

    private static void Bar(StringBuilder svg, TensorCheck row, double y)
    {
        string label = $"{row.Layer}.{row.Tensor}";
        bool failed = !row.Passed;
        string fill = failed ? "#d32f2f" : "#5c7fa3";
        double x1 = X(row.Difference);
        Append(svg, $"<text x=\"{LabelWidth}\" y=\"{F(y + 15)}\" text-anchor=\"end\" fill=\"{(failed ? "#b71c1c" : "#222")}\"{(failed ? " font-weight=\"bold\"" : string.Empty)}>{Escape(label)}</text>");
        Append(svg,
            $"<rect class=\"bar\" data-layer=\"{Escape(row.Layer)}\" data-tensor=\"{Escape(row.Tensor)}\" data-scope=\"{row.Scope}\" data-difference=\"{row.Difference.ToString("R", CultureInfo.InvariantCulture)}\" data-passed=\"{(failed ? "false" : "true")}\" " +
            $"x=\"{PlotLeft}\" y=\"{F(y + 4)}\" width=\"{F(Math.Max(1, x1 - PlotLeft))}\" height=\"{RowHeight - 8}\" fill=\"{fill}\"{(failed ? " stroke=\"#7f0000\" stroke-width=\"1.5\"" : string.Empty)}/>");
        string value = ReportTable.Sci(row.Difference) + (failed ? "  ✗ WRONG" : row.MostlyKinks ? "  ⚠ mostly kinks" : string.Empty);
        Append(svg, $"<text x=\"{F(x1 + 6)}\" y=\"{F(y + 15)}\" fill=\"{(failed ? "#b71c1c" : "#333")}\"{(failed ? " font-weight=\"bold\"" : string.Empty)}>{value}</text>");
    }

    private static void Axis(StringBuilder svg, int bottom)
    {
        Append(svg, $"<line x1=\"{PlotLeft}\" y1=\"{bottom}\" x2=\"{PlotLeft + PlotWidth}\" y2=\"{bottom}\" stroke=\"#333\"/>");
        for (int exponent = -16; exponent <= 0; exponent += 2)
        {
            double x = X(Math.Pow(10, exponent));
            Append(svg, $"<line x1=\"{F(x)}\" y1=\"{bottom}\" x2=\"{F(x)}\" y2=\"{bottom + 5}\" stroke=\"#333\"/>");
            Append(svg, $"<text x=\"{F(x)}\" y=\"{bottom + 19}\" text-anchor=\"middle\" fill=\"#333\">1e{exponent}</text>");
        }

        Append(svg, $"<text x=\"{PlotLeft + (PlotWidth / 2)}\" y=\"{bottom + 40}\" text-anchor=\"middle\" fill=\"#333\">normalized difference (smaller is better; red bars fail the error model)</text>");
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;

    private static void Append(StringBuilder svg, string line) => svg.Append(line).Append('\n');
}
