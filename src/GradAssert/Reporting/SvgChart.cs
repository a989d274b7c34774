using System.Globalization;
using System.Security;
using System.Text;
using GradAssert.Engine.Judging;

namespace GradAssert.Reporting;

/// <summary>
/// Draws a <see cref="GradientReport"/> as an SVG bar chart: one horizontal bar per (layer, tensor) on a log scale of the
/// normalized difference, the course's bands (1e-7, 1e-5, 1e-3) shaded and labelled where they apply (see
/// <see cref="GradientReport.BandsApply"/>), failing bars in red and marked; each bar's label gives its result and the
/// error-to-tolerance it follows from. Bars and bands carry data attributes, so tests and tools can read the chart back.
/// Names are made <see cref="DisplayText.Safe"/>, so the chart is well-formed XML whatever they hold. Under the bars, a
/// log-log plot of the Taylor remainder against h for each failing tensor (<see cref="TaylorPlot"/>).
/// </summary>
internal static class SvgChart
{
    /// <summary>The smallest difference drawn; anything below (an exact match included) sits at the axis.</summary>
    public const double Floor = 1e-16;

    private const int Width = 1010, LabelWidth = 250, PlotWidth = 560, RowHeight = 22, HeaderTop = 78, SectionGap = 26, LineHeight = 16;

    /// <summary>How many characters a header line holds before it wraps.</summary>
    private const int LineLength = 140;
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

        // The notes under the title (why the outcome reads as it does, warnings) push the plot down.
        var notes = new List<string>();
        if (ResultWords.Why(report) is { } why)
        {
            notes.AddRange(Wrap(why));
        }

        foreach (string warning in report.Warnings)
        {
            notes.AddRange(Wrap("Warning: " + warning + "."));
        }

        int top = HeaderTop + (notes.Count * LineHeight);
        int rows = sections.Sum(s => s.Rows.Length);
        int plotBottom = top + (rows * RowHeight) + (sections.Length * SectionGap);
        var taylor = TaylorPlot.Rows(report);
        int height = plotBottom + 64 + TaylorPlot.Height(taylor.Length);
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>");

        Append(svg, $"<text x=\"16\" y=\"26\" font-size=\"17\" font-weight=\"bold\" fill=\"{(report.Passed ? "#1b5e20" : "#b71c1c")}\">Gradient check {ResultWords.Outcome(report)}: {Escape(report.Model)} ({report.Precision}), seed {report.Seed}</text>");
        string blamed = report.Blamed.Count > 0 ? $"Blamed: {string.Join(", ", report.Blamed)}" : "Blamed: none";
        string overall = ReportTable.Sci(report.Difference)
            + (ResultWords.OverallBand(report) is { } band ? $" ({band})" : string.Empty)
            + (ResultWords.AboveTheLine(report) is { } above ? $", {above}" : string.Empty);
        string scale = report.BandsApply
            ? "Normalized difference ‖g−n‖/(‖g‖+‖n‖), log scale"
            : $"Normalized difference ‖g−n‖/(‖g‖+‖n‖), log scale (the course's bands are for double; not drawn for {report.Precision})";
        Append(svg, $"<text x=\"16\" y=\"46\" fill=\"#333\">{scale}. Overall {overall}. {Escape(blamed)}</text>");
        for (int i = 0; i < notes.Count; i++)
        {
            Append(svg, $"<text class=\"note\" x=\"16\" y=\"{62 + (i * LineHeight)}\" fill=\"#333\">{Escape(notes[i])}</text>");
        }

        if (report.BandsApply)
        {
            Bands(svg, top - 14, plotBottom);
        }

        double y = top;
        foreach (var (title, sectionRows) in sections)
        {
            Append(svg, $"<text x=\"16\" y=\"{y + 16}\" font-weight=\"bold\" fill=\"#222\">{title}</text>");
            y += SectionGap;
            foreach (var row in sectionRows)
            {
                Bar(svg, row, report.Options.Tolerance, y);
                y += RowHeight;
            }
        }

        Axis(svg, plotBottom);
        TaylorPlot.Render(svg, taylor, plotBottom + 56, report.Layered);
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

    private static void Bar(StringBuilder svg, TensorCheck row, Tolerance tolerance, double y)
    {
        string label = $"{row.Layer}.{row.Tensor}";
        bool failed = !row.Passed;
        string fill = failed ? "#d32f2f" : "#5c7fa3";
        double x1 = X(row.Difference);
        Append(svg, $"<text x=\"{LabelWidth}\" y=\"{F(y + 15)}\" text-anchor=\"end\" fill=\"{(failed ? "#b71c1c" : "#222")}\"{(failed ? " font-weight=\"bold\"" : string.Empty)}>{Escape(label)}</text>");
        Append(svg,
            $"<rect class=\"bar\" data-layer=\"{Escape(row.Layer)}\" data-tensor=\"{Escape(row.Tensor)}\" data-scope=\"{row.Scope}\" data-difference=\"{R(row.Difference)}\" data-error-to-tolerance=\"{R(row.ErrorToTolerance)}\" data-passed=\"{(failed ? "false" : "true")}\" " +
            $"x=\"{PlotLeft}\" y=\"{F(y + 4)}\" width=\"{F(Math.Max(1, x1 - PlotLeft))}\" height=\"{RowHeight - 8}\" fill=\"{fill}\"{(failed ? " stroke=\"#7f0000\" stroke-width=\"1.5\"" : string.Empty)}/>");
        string ratio = "err/tol " + ResultWords.Ratio(row.ErrorToTolerance);
        string result = failed ? $"✗ {ResultWords.Result(row, tolerance)}, {ratio}" : row.MostlyKinks ? $"⚠ ok, mostly kinks, {ratio}" : $"ok, {ratio}";
        string weight = failed ? " font-weight=\"bold\"" : string.Empty;
        string text = $"{ReportTable.Sci(row.Difference)}  {result}";
        if (x1 - PlotLeft > 0.55 * PlotWidth)
        {
            // A long bar leaves no room to its right: the label goes inside it, at its end.
            Append(svg, $"<text x=\"{F(x1 - 6)}\" y=\"{F(y + 15)}\" text-anchor=\"end\" fill=\"white\"{weight}>{text}</text>");
        }
        else
        {
            Append(svg, $"<text x=\"{F(x1 + 6)}\" y=\"{F(y + 15)}\" fill=\"{(failed ? "#b71c1c" : "#333")}\"{weight}>{text}</text>");
        }
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

        Append(svg, $"<text x=\"{PlotLeft + (PlotWidth / 2)}\" y=\"{bottom + 40}\" text-anchor=\"middle\" fill=\"#333\">normalized difference (smaller is better; red bars fail the check)</text>");
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(DisplayText.Safe(text)) ?? string.Empty;

    /// <summary>A header note split at spaces into lines of at most <see cref="LineLength"/> characters.</summary>
    private static IEnumerable<string> Wrap(string text)
    {
        var line = new StringBuilder();
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > LineLength)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        yield return line.ToString();
    }

    private static void Append(StringBuilder svg, string line) => svg.Append(line).Append('\n');
}
