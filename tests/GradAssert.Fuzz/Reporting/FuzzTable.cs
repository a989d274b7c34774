using System.Text;

namespace GradAssert.Fuzz.Reporting;

/// <summary>The run as Markdown: the header, the totals, a row per issue-22 class, and a row per kind, variant and type.</summary>
internal static class FuzzTable
{
    private const string Columns = "cases | excluded | false alarms | missed | wrong tensor | contract | errors | disagreements | text differs";

    /// <summary>Renders <paramref name="results"/>.</summary>
    public static string Render(IReadOnlyList<CaseResult> results, RunInfo run)
    {
        var text = new StringBuilder();
        text.AppendLine("# Fuzz results").AppendLine();
        text.AppendLine(Invariant($"- Command: `{run.Command}`"));
        text.AppendLine(Invariant($"- Commit: {(run.Commit is null ? "unknown" : $"`{run.Commit}`")}; started {run.Started:yyyy-MM-dd HH:mm} UTC; took {Duration(run.Elapsed)}"));
        text.AppendLine(Invariant($"- {results.Count:N0} cases ((kind, variant, type, seed, grouping) each), {results.Count(r => r.Outcome != CaseOutcome.Excluded):N0} of them checked"));
        text.AppendLine("- Variants: `correct`; `T-scaled` multiplies tensor T's gradient by 1.01 in double and 1.03 in float;");
        text.AppendLine("  `W-one-element-x1.05` multiplies one weight's gradient by 1.05; `max-mask` gives every tied maximum of a window");
        text.AppendLine("  its full gradient (`x == max`); `pool-input-scaled` and `second-dense-W-scaled` scale a layer's gradient inside a model.");
        text.AppendLine("- Columns: *excluded*, broken cases whose bug changes no gradient for the drawn case (not checked, in no other");
        text.AppendLine("  column); *false alarms*, correct cases that failed or threw; *missed*, broken cases that passed; *wrong tensor*,");
        text.AppendLine("  broken cases that failed only on tensors the bug does not change; *contract* and *errors*, cases of either variant");
        text.AppendLine("  that threw a `LayerContractException` or another exception (in a correct case also a false alarm);");
        text.AppendLine("  *disagreements*, cases whose outcome differs between grouping on and off; *text differs*, whose report text does.");
        text.AppendLine();

        text.AppendLine("## Totals").AppendLine();
        text.AppendLine($"| variants | {Columns} |");
        text.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---:|", 9)));
        text.AppendLine(Row("correct", Tally.Of(results.Where(r => r.Correct))));
        text.AppendLine(Row("broken", Tally.Of(results.Where(r => !r.Correct))));
        text.AppendLine(Row("all", Tally.Of(results)));
        text.AppendLine();

        text.AppendLine("## By issue-22 class").AppendLine();
        text.AppendLine("A kind counts under every class it probes (the large-offset kinds under both B and F).").AppendLine();
        text.AppendLine($"| class | kinds | variants | {Columns} |");
        text.AppendLine("|---|---:|---|" + string.Concat(Enumerable.Repeat("---:|", 9)));
        foreach (var issueClass in Enum.GetValues<IssueClass>())
        {
            var members = results.Where(r => r.Classes.Contains(issueClass)).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            string kinds = Invariant($"{members.Select(r => r.Key.Kind).Distinct().Count()}");
            text.AppendLine(Row($"{issueClass.Title()} | {kinds} | correct", Tally.Of(members.Where(r => r.Correct))));
            text.AppendLine(Row($"{issueClass.Title()} | {kinds} | broken", Tally.Of(members.Where(r => !r.Correct))));
        }

        text.AppendLine();
        text.AppendLine("## By kind, variant and type").AppendLine();
        text.AppendLine($"| class | kind | variant | type | {Columns} | ms/check |");
        text.AppendLine("|---|---|---|---|" + string.Concat(Enumerable.Repeat("---:|", 10)));
        foreach (var row in results.GroupBy(r => (r.Key.Kind, r.Key.Variant, r.Key.Type)))
        {
            var tally = Tally.Of(row);
            string label = $"{string.Join(", ", row.First().Classes.Select(c => c.Label()))} | {row.Key.Kind} | {row.Key.Variant} | {row.Key.Type}";
            text.AppendLine(Row(label, tally) + Invariant($" {tally.MeanMilliseconds:F1} |"));
        }

        return text.ToString();
    }

    private static string Row(string label, Tally t) => Invariant(
        $"| {label} | {t.Cases} | {t.Excluded} | {Mark(t.FalseAlarms)} | {Mark(t.Missed)} | {Mark(t.WrongTensor)} | {Mark(t.Contract)} | {Mark(t.Errors)} | {Mark(t.Disagreements)} | {Mark(t.TextDiffers)} |");

    /// <summary>A count, in bold when it is not zero (every column but cases and excluded should read 0).</summary>
    private static string Mark(int count) => count == 0 ? "0" : Invariant($"**{count}**");

    private static string Duration(TimeSpan elapsed) =>
        elapsed.TotalMinutes >= 1 ? Invariant($"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s") : Invariant($"{elapsed.TotalSeconds:F1} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
