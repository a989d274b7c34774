using System.Globalization;
using System.Text;
using GradAssert.Tensors;

namespace GradAssert.Reporting;

/// <summary>
/// Renders a <see cref="GradientReport"/> as GitHub-flavoured Markdown, for CI summaries and pull requests. Names go
/// into code spans (no emphasis, links or HTML from a name), made <see cref="DisplayText.Safe"/> and with their pipes
/// escaped, so a row keeps its cells whatever a name holds.
/// </summary>
internal static class MarkdownReport
{
    public static string Render(GradientReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### Gradient check {ResultWords.Outcome(report)}: {Code(report.Model)} ({report.Precision}), seed {report.Seed}\n\n");
        string band = ResultWords.OverallBand(report) is { } word ? $" ({word})" : string.Empty;
        string above = ResultWords.AboveTheLine(report) is { } line ? $", {line}" : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"Normalized difference **{ReportTable.Sci(report.Difference)}**{band}{above}; {Escape(report.Options.Tolerance.ToString())}.\n\n");
        if (ResultWords.Why(report) is { } why)
        {
            text.Append(Escape(why)).Append("\n\n");
        }

        if (ResultWords.SettingsFrom(report.Options) is { } from)
        {
            text.Append("Settings from ").Append(Escape(from)).Append(".\n\n");
        }

        foreach (var applied in ResultWords.AppliedOverrides(report))
        {
            text.Append("Override: ").Append(Escape(applied.ToString())).Append(".\n\n");
        }

        foreach (string problem in report.Problems)
        {
            text.Append("**Not earned:** ").Append(Escape(problem)).Append(".\n\n");
        }

        if (report.Blamed.Count > 0)
        {
            text.Append("**Blamed:** ").Append(string.Join(", ", report.Blamed.Select(Code))).Append("\n\n");
        }

        bool bands = report.BandsApply;
        bool orders = TaylorWords.Any(report);
        text.Append("| scope | layer | tensor | shape | checked | difference |")
            .Append(bands ? " band |" : string.Empty)
            .Append(" err/tol | max \\|g−n\\| | worst at | analytic | numerical |")
            .Append(orders ? " order |" : string.Empty)
            .Append(" result |\n|---|---|---|---|--:|--:|")
            .Append(bands ? "---|" : string.Empty)
            .Append("--:|--:|---|--:|--:|")
            .Append(orders ? "--:|" : string.Empty)
            .Append("---|\n");
        foreach (var t in report.Tensors)
        {
            string scope = t.Scope == CheckScope.EndToEnd ? "end to end" : "layer";
            string result = !t.Passed || report.Unverified.Contains(t) ? "❌ " + ResultWords.Result(t, report)
                : report.Idle.Contains(t) ? "⚠️ did not run" : t.MostlyKinks ? "⚠️ kinks" : "✅ ok";
            string worst = t.WorstIndex.Count == 0 ? "–" : ShapeMath.Format(t.WorstIndex);
            string bandCell = bands ? $" {ResultWords.Band(t)} |" : string.Empty;
            string orderCell = orders ? $" {TaylorWords.OrderCell(t)} |" : string.Empty;
            text.Append(CultureInfo.InvariantCulture,
                $"| {scope} | {Code(t.Layer)} | {Code(t.Tensor)} | {ShapeMath.Format(t.Shape)} | {ResultWords.Checked(t)} | {ReportTable.Sci(t.Difference)} |{bandCell} {ResultWords.Ratio(t.ErrorToTolerance)} | {ReportTable.Sci(t.MaxAbsError)} | {worst} | {ReportTable.Num(t.AnalyticAtWorst)} | {ReportTable.Num(t.NumericalAtWorst)} |{orderCell} {result} |\n");
        }

        if (orders)
        {
            var lines = TaylorWords.Lines(report).ToArray();
            if (lines.Length > 0)
            {
                text.Append('\n').Append(Escape(TaylorWords.Heading(report))).Append("\n\n");
                foreach (string taylorLine in lines)
                {
                    text.Append("- ").Append(Escape(taylorLine)).Append('\n');
                }
            }
            else if (TaylorWords.Legend(report) is { } legend)
            {
                text.Append('\n').Append(Escape(legend)).Append(".\n");
            }
        }

        if (report.Warnings.Count > 0)
        {
            text.Append("\n**Warnings:**\n\n");
            foreach (string warning in report.Warnings)
            {
                text.Append("- ⚠️ ").Append(Escape(warning)).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A user string as an inline code span: a fence one backtick longer than any run inside, padded with spaces when
    /// the text starts or ends with a backtick or a space (CommonMark strips one each side), pipes escaped for tables.
    /// </summary>
    private static string Code(string name)
    {
        string safe = DisplayText.Safe(name).Replace("|", "\\|", StringComparison.Ordinal);
        int longest = 0, run = 0;
        foreach (char c in safe)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        string fence = new('`', longest + 1);
        bool pad = safe.Length == 0 || safe[0] is '`' or ' ' || safe[^1] is '`' or ' ';
        return pad ? $"{fence} {safe} {fence}" : fence + safe + fence;
    }

    /// <summary>Text outside code spans: Markdown's punctuation escaped, so names inside a warning stay literal.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '~' or '&')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
