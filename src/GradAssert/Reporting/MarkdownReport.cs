using System.Globalization;
using System.Text;
using GradAssert.Tensors;

namespace GradAssert.Reporting;

/// <summary>Renders a <see cref="GradientReport"/> as GitHub-flavoured Markdown, for CI summaries and pull requests.</summary>
internal static class MarkdownReport
{
    public static string Render(GradientReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### Gradient check {(report.Passed ? "passed" : "FAILED")}: `{report.Model}` ({report.Precision}), seed {report.Seed}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Normalized difference **{ReportTable.Sci(report.Difference)}** ({report.Verdict}); {report.Options.Tolerance}.\n\n");
        if (report.Blamed.Count > 0)
        {
            text.Append("**Blamed:** ").Append(string.Join(", ", report.Blamed.Select(b => $"`{b}`"))).Append("\n\n");
        }

        text.Append("| scope | layer | tensor | shape | checked | difference | band | max \\|g−n\\| | worst at | analytic | numerical | result |\n");
        text.Append("|---|---|---|---|--:|--:|---|--:|---|--:|--:|---|\n");
        foreach (var t in report.Tensors)
        {
            string scope = t.Scope == CheckScope.EndToEnd ? "end to end" : "layer";
            string count = t.Directions > 0 ? $"{t.Directions} dir" : t.Checked.ToString(CultureInfo.InvariantCulture);
            string result = !t.Passed ? "❌ WRONG" : t.MostlyKinks ? "⚠️ kinks" : "✅ ok";
            string worst = t.WorstIndex.Count == 0 ? "–" : ShapeMath.Format(t.WorstIndex);
            text.Append(CultureInfo.InvariantCulture,
                $"| {scope} | {Escape(t.Layer)} | {Escape(t.Tensor)} | {ShapeMath.Format(t.Shape)} | {count} | {ReportTable.Sci(t.Difference)} | {t.Verdict} | {ReportTable.Sci(t.MaxAbsError)} | {worst} | {ReportTable.Num(t.AnalyticAtWorst)} | {ReportTable.Num(t.NumericalAtWorst)} | {result} |\n");
        }

        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
