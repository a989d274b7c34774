using System.Globalization;
using System.Security;
using System.Text;
using GradAssert.Engine.Judging;

namespace GradAssert.Reporting;

/// <summary>
/// The chart's log-log plots of the Taylor remainder against the step h, one panel per failing tensor (or every tensor
/// under <see cref="CheckMode.Taylor"/>): the one-sided remainders at +h and −h, the remainder with the curvature
/// cancelled, the rounding floor, and guides of slope 1 and 2 through the smallest step above the floor. A right
/// gradient runs along slope 2; a wrong one bends to slope 1. Panels, points and guides carry data attributes (the
/// figures exactly, and the axes' ranges), so tests can read the plot back and check it against the report.
/// </summary>
internal static class TaylorPlot
{
    /// <summary>At most this many panels, failing tensors first.</summary>
    public const int MaxPanels = 8;

    private const int PanelWidth = 470, PanelHeight = 300, Columns = 2, Left = 64, Top = 44, AreaWidth = 380, AreaHeight = 200, Gap = 16;

    /// <summary>The rows that get a panel: failing ones with a test of the whole tensor, those its test overturned, and every tested row in Taylor mode.</summary>
    public static TensorCheck[] Rows(GradientReport report) => report.Tensors
        .Where(t => t.Taylor is not null && (!t.Passed || t.Taylor.Overturned || report.Options.Mode == CheckMode.Taylor))
        .OrderBy(t => t.Passed)
        .Take(MaxPanels)
        .ToArray();

    /// <summary>The height the panels of <paramref name="rows"/> take.</summary>
    public static int Height(int rows) => rows == 0 ? 0 : (((rows + Columns - 1) / Columns) * (PanelHeight + Gap)) + 24;

    /// <summary>Draws the panels from <paramref name="top"/> down.</summary>
    /// <param name="layered">Whether the report has both scopes, so each panel names its own.</param>
    public static void Render(StringBuilder svg, TensorCheck[] rows, int top, bool layered)
    {
        if (rows.Length == 0)
        {
            return;
        }

        Line(svg, $"<text x=\"16\" y=\"{top + 16}\" font-weight=\"bold\" fill=\"#222\">Taylor remainder against the step h (log-log): slope 2 is a right gradient, slope 1 a wrong one</text>");
        for (int i = 0; i < rows.Length; i++)
        {
            Panel(svg, rows[i], i, 16 + ((i % Columns) * (PanelWidth + Gap)), top + 24 + ((i / Columns) * (PanelHeight + Gap)), layered);
        }
    }

    private static void Panel(StringBuilder svg, TensorCheck row, int number, int x0, int y0, bool layered)
    {
        var test = row.Taylor!;
        var steps = test.Steps;
        var threshold = test.Floor.Select(f => f * TaylorReading.Clean).ToArray();
        var values = test.Remainders.Concat(test.OppositeRemainders).Concat(test.CancelledRemainders).Concat(threshold).Where(v => v > 0 && double.IsFinite(v)).ToArray();
        double hMin = Math.Floor(Math.Log10(steps.Min())), hMax = Math.Ceiling(Math.Log10(steps.Max()));
        double rMin = values.Length == 0 ? -20 : Math.Floor(Math.Log10(values.Min()));
        double rMax = values.Length == 0 ? 0 : Math.Ceiling(Math.Log10(values.Max()));
        rMax = Math.Max(rMax, rMin + 1);
        double px = x0 + Left, py = y0 + Top;
        double X(double h) => px + ((Math.Log10(h) - hMin) / (hMax - hMin) * AreaWidth);
        double Y(double r) => py + AreaHeight - ((Math.Log10(r) - rMin) / (rMax - rMin) * AreaHeight);

        bool failed = !row.Passed;
        Line(svg, $"<g class=\"taylor-plot\" data-layer=\"{Escape(row.Layer)}\" data-tensor=\"{Escape(row.Tensor)}\" data-scope=\"{row.Scope}\" data-along=\"{Escape(test.Along)}\" data-verdict=\"{test.Verdict}\" data-order=\"{Escape(test.OrderText)}\" data-order-value=\"{R(test.Order)}\" data-cancelled-order=\"{R(test.CancelledOrder)}\">");
        Line(svg, $"<clipPath id=\"taylor-clip-{number}\"><rect x=\"{F(px)}\" y=\"{F(py)}\" width=\"{AreaWidth}\" height=\"{AreaHeight}\"/></clipPath>");
        Line(svg, $"<rect x=\"{x0}\" y=\"{y0}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#ccc\"/>");
        Line(svg, $"<text x=\"{x0 + 8}\" y=\"{y0 + 18}\" font-weight=\"bold\" fill=\"{(failed ? "#b71c1c" : "#222")}\">{Escape($"{row.Layer}.{test.Along}")}{(!layered ? string.Empty : row.Scope == CheckScope.Local ? " (layer by layer)" : " (end to end)")}</text>");
        Line(svg, $"<text x=\"{x0 + 8}\" y=\"{y0 + 34}\" fill=\"#333\">order {Escape(test.OrderText)}: {Escape(test.VerdictText)}</text>");
        Line(svg,
            $"<rect class=\"taylor-area\" x=\"{F(px)}\" y=\"{F(py)}\" width=\"{AreaWidth}\" height=\"{AreaHeight}\" fill=\"#fafafa\" stroke=\"#999\" " +
            $"data-log-step-min=\"{R(hMin)}\" data-log-step-max=\"{R(hMax)}\" data-log-remainder-min=\"{R(rMin)}\" data-log-remainder-max=\"{R(rMax)}\"/>");
        Axes(svg, px, py, hMin, hMax, rMin, rMax);

        Series(svg, "floor", steps, threshold, X, Y, "#9e9e9e", "4 3", marker: false);
        Guides(svg, test, threshold, X, Y, hMin, hMax, number);
        Series(svg, "cancelled", steps, test.CancelledRemainders, X, Y, "#ef6c00", "2 2", marker: true);
        Series(svg, "minus", steps, test.OppositeRemainders, X, Y, "#5c7fa3", "6 2", marker: true);
        Series(svg, "plus", steps, test.Remainders, X, Y, failed ? "#d32f2f" : "#1565c0", null, marker: true);
        Legend(svg, x0 + 8, y0 + PanelHeight - 14);
        Line(svg, "</g>");
    }

    /// <summary>Slope-1 and slope-2 lines through the +h remainder at the smallest step above the floor (the largest step when none is).</summary>
    private static void Guides(StringBuilder svg, TaylorResult test, double[] threshold, Func<double, double> x, Func<double, double> y, double hMin, double hMax, int number)
    {
        int anchor = 0;
        for (int k = test.Steps.Count - 1; k >= 0; k--)
        {
            if (test.Remainders[k] > threshold[k])
            {
                anchor = k;
                break;
            }
        }

        double h0 = test.Steps[anchor], r0 = test.Remainders[anchor];
        if (!(r0 > 0) || !double.IsFinite(r0))
        {
            return;
        }

        double left = Math.Pow(10, hMin), right = Math.Pow(10, hMax);
        foreach (int slope in (ReadOnlySpan<int>)[1, 2])
        {
            double rLeft = r0 * Math.Pow(left / h0, slope), rRight = r0 * Math.Pow(right / h0, slope);
            Line(svg,
                $"<line class=\"taylor-guide\" data-slope=\"{slope}\" data-anchor-step=\"{R(h0)}\" data-anchor-remainder=\"{R(r0)}\" clip-path=\"url(#taylor-clip-{number})\" " +
                $"x1=\"{F(x(left))}\" y1=\"{F(y(rLeft))}\" x2=\"{F(x(right))}\" y2=\"{F(y(rRight))}\" stroke=\"{(slope == 1 ? "#c62828" : "#2e7d32")}\" stroke-width=\"1\" stroke-dasharray=\"8 4\" opacity=\"0.7\"/>");
        }
    }

    private static void Series(StringBuilder svg, string name, IReadOnlyList<double> steps, IReadOnlyList<double> values, Func<double, double> x, Func<double, double> y, string color, string? dash, bool marker)
    {
        var points = Enumerable.Range(0, steps.Count).Where(k => values[k] > 0 && double.IsFinite(values[k])).ToArray();
        if (points.Length == 0)
        {
            return;
        }

        string path = string.Join(" ", points.Select(k => $"{F(x(steps[k]))},{F(y(values[k]))}"));
        Line(svg, $"<polyline class=\"taylor-series\" data-series=\"{name}\" points=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")}/>");
        if (!marker)
        {
            return;
        }

        foreach (int k in points)
        {
            string fill = name == "minus" ? "white" : color;
            Line(svg, $"<circle class=\"taylor-point\" data-series=\"{name}\" data-step=\"{R(steps[k])}\" data-remainder=\"{R(values[k])}\" cx=\"{F(x(steps[k]))}\" cy=\"{F(y(values[k]))}\" r=\"3\" fill=\"{fill}\" stroke=\"{color}\"/>");
        }
    }

    private static void Axes(StringBuilder svg, double px, double py, double hMin, double hMax, double rMin, double rMax)
    {
        for (double e = hMin; e <= hMax; e++)
        {
            double x = px + ((e - hMin) / (hMax - hMin) * AreaWidth);
            Line(svg, $"<text x=\"{F(x)}\" y=\"{F(py + AreaHeight + 14)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">1e{e:0}</text>");
        }

        int every = (int)Math.Max(1, Math.Ceiling((rMax - rMin) / 8));
        for (double e = rMin; e <= rMax; e += every)
        {
            double y = py + AreaHeight - ((e - rMin) / (rMax - rMin) * AreaHeight);
            Line(svg, $"<text x=\"{F(px - 4)}\" y=\"{F(y + 3)}\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">1e{e:0}</text>");
        }

        Line(svg, $"<text x=\"{F(px + (AreaWidth / 2))}\" y=\"{F(py + AreaHeight + 28)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">step h</text>");
        Line(svg, $"<text transform=\"translate({F(px - 44)},{F(py + (AreaHeight / 2))}) rotate(-90)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">remainder</text>");
    }

    /// <summary>One line of markers and words under the plot.</summary>
    private static void Legend(StringBuilder svg, int x, int y)
    {
        (string Marker, string Text)[] items =
        [
            ("<circle cx=\"{0}\" cy=\"{1}\" r=\"3\" fill=\"#1565c0\" stroke=\"#1565c0\"/>", "+h"),
            ("<circle cx=\"{0}\" cy=\"{1}\" r=\"3\" fill=\"white\" stroke=\"#5c7fa3\"/>", "−h"),
            ("<circle cx=\"{0}\" cy=\"{1}\" r=\"3\" fill=\"#ef6c00\" stroke=\"#ef6c00\"/>", "±h, curvature cancelled"),
            ("<line x1=\"{2}\" y1=\"{1}\" x2=\"{3}\" y2=\"{1}\" stroke=\"#c62828\" stroke-dasharray=\"4 2\"/>", "slope 1"),
            ("<line x1=\"{2}\" y1=\"{1}\" x2=\"{3}\" y2=\"{1}\" stroke=\"#2e7d32\" stroke-dasharray=\"4 2\"/>", "slope 2"),
            ("<line x1=\"{2}\" y1=\"{1}\" x2=\"{3}\" y2=\"{1}\" stroke=\"#9e9e9e\" stroke-dasharray=\"4 3\"/>", $"floor ×{TaylorReading.Clean:0}"),
        ];
        double at = x + 4;
        foreach (var (marker, text) in items)
        {
            Line(svg, string.Format(CultureInfo.InvariantCulture, marker, F(at), F(y - 3), F(at - 6), F(at + 6)));
            Line(svg, $"<text x=\"{F(at + 9)}\" y=\"{y}\" font-size=\"10\" fill=\"#555\">{text}</text>");
            at += 24 + (text.Length * 5.6);
        }
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string R(double v) => double.IsNaN(v) ? "NaN" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(DisplayText.Safe(text)) ?? string.Empty;

    private static void Line(StringBuilder svg, string line) => svg.Append(line).Append('\n');
}
