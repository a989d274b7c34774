using System.Globalization;
using System.Numerics;
using System.Text;
using GradAssert.Corpus.Tests.Corpus;
using Xunit.Abstractions;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Writes the corpus table of docs/corpus-results.md: the same seeded cases judged by the default options (the exact
/// reference where the layer carries), by the course's fixed rule (step 1e-7, normalized difference below 2e-7), without
/// the contract probes, and by finite differences alone, in double and float; kinks are counted by differences alone
/// (the exact reference takes the branch the code takes and verifies an element next to a kink instead). It is a tool, not a test:
/// it asserts nothing about the numbers (the other corpus tests do) and runs only when $CORPUS_RESULTS_PATH names the
/// file to write (scripts/corpus-table.sh sets it), so it costs nothing in an ordinary test run.
/// </summary>
[Trait("Category", "CorpusTable")]
public sealed class CorpusTableTests(ITestOutputHelper output)
{
    private static readonly GradCheckOptions ProbesOff = CorpusRunner.Default with { ProbeContract = false };

    private static readonly GradCheckOptions Differences = CorpusRunner.Default with { Reference = Reference.Differences };

    [SkippableFact]
    public void Writes_the_corpus_table_default_against_the_course_rule()
    {
        string? path = Environment.GetEnvironmentVariable("CORPUS_RESULTS_PATH");
        Skip.If(string.IsNullOrEmpty(path), "Writes docs/corpus-results.md's table only when CORPUS_RESULTS_PATH is set: run scripts/corpus-table.sh.");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Cases per entry and type: {CorpusRunner.Cases} (seeds 1..{CorpusRunner.Cases}).");
        text.AppendLine();
        text.AppendLine("### Correct layers: false failures (lower is better; the target is 0)");
        text.AppendLine();
        text.AppendLine("| layer | double: default | double: course | float: default | float: course | default, probes off (double / float) | differences only (double / float) | kinks planted → counted by differences (double / float) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var name in CorrectLayers.Names.Concat(CorrectLayers.HardNames))
        {
            var d = CorpusRunner.Correct<double>(name, CorpusRunner.Default, "default");
            var f = CorpusRunner.Correct<float>(name, CorpusRunner.Default, "default");
            var dc = CorpusRunner.Correct<double>(name, CorpusRunner.Course, "course");
            var fc = CorpusRunner.Correct<float>(name, CorpusRunner.Course, "course");
            var dp = CorpusRunner.Correct<double>(name, ProbesOff, "probes off");
            var fp = CorpusRunner.Correct<float>(name, ProbesOff, "probes off");
            var dd = CorpusRunner.Correct<double>(name, Differences, "differences");
            var fd = CorpusRunner.Correct<float>(name, Differences, "differences");
            string kinks = CorrectLayers.KinkNames.Contains(name)
                ? $"{dd.PlantedKinks} → {dd.ReportedKinks} / {fd.PlantedKinks} → {fd.ReportedKinks}"
                : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {False(d)} | {False(dc)} | {False(f)} | {False(fc)} | {dp.FalseFailures} / {fp.FalseFailures} | {dd.FalseFailures} / {fd.FalseFailures} | {kinks} |");
        }

        text.AppendLine();
        text.AppendLine("### Planted bugs: detections among the cases where the bug can show (higher is better; the target is ≥ 90%)");
        text.AppendLine();
        text.AppendLine("| planted bug | cannot show | double: default | double: course | float: default | float: course | default, probes off (double / float) | differences only (double / float) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var name in BuggyLayers.Names.Concat(BuggyLayers.SmallErrorNames))
        {
            var d = CorpusRunner.Bug<double>(name, CorpusRunner.Default, "default");
            var f = CorpusRunner.Bug<float>(name, CorpusRunner.Default, "default");
            var dc = CorpusRunner.Bug<double>(name, CorpusRunner.Course, "course");
            var fc = CorpusRunner.Bug<float>(name, CorpusRunner.Course, "course");
            var dp = CorpusRunner.Bug<double>(name, ProbesOff, "probes off");
            var fp = CorpusRunner.Bug<float>(name, ProbesOff, "probes off");
            var dd = CorpusRunner.Bug<double>(name, Differences, "differences");
            var fd = CorpusRunner.Bug<float>(name, Differences, "differences");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {d.CannotShow} | {Found(d)} | {Found(dc)} | {Found(f)} | {Found(fc)} | {Found(dp)} / {Found(fp)} | {Found(dd)} / {Found(fd)} |");
        }

        text.AppendLine();
        text.AppendLine("\"contract\" counts checks that threw LayerContractException (the stale-cache heuristic) instead of returning a report;");
        text.AppendLine("\"rejected\" counts checks that refused the rule for the case's values (the course's fixed step 1e-7 is below the resolution of float values above about 0.8), which count as failures.");

        output.WriteLine(text.ToString());
        File.WriteAllText(path!, text.ToString());
    }

    private static string False(Tally t) => $"{t.FalseFailures}/{t.Cases}" + Notes(t);

    private static string Found(Tally t) => $"{t.Detected}/{t.Showable}" + Notes(t);

    private static string Notes(Tally t) =>
        (t.ContractErrors > 0 ? $" ({t.ContractErrors} contract)" : string.Empty) + (t.Rejected > 0 ? $" ({t.Rejected} rejected)" : string.Empty);
}
