using System.Globalization;
using System.Numerics;
using System.Text;
using GradAssert.Corpus.Tests.Corpus;
using GradAssert.Corpus.Tests.Sensitivity;
using Xunit.Abstractions;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Writes the sensitivity tables of docs/sensitivity.md: per layer kind, tensor and float type, the
/// smallest relative error δ (a gradient scaled by 1 + δ) that a rule catches in at least 9 of 10 seeded random cases,
/// for the default options (the exact reference where the layer carries, <see cref="Reference.Auto"/>), PyTorch
/// gradcheck's published defaults, the course's rule and GradAssert's finite differences alone
/// (<see cref="Reference.Differences"/>), with each rule's false alarms on the same cases without the error; a default cell
/// judged in part or in whole by differences (a layer that does not carry to the dual type) says so. A tool, not a test: it runs only when $SENSITIVITY_RESULTS_PATH names
/// the file to write (scripts/sensitivity-table.sh sets it).
/// </summary>
[Trait("Category", "SensitivityTable")]
public sealed class SensitivityTableTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Writes_the_sensitivity_table()
    {
        string? path = Environment.GetEnvironmentVariable("SENSITIVITY_RESULTS_PATH");
        Skip.If(string.IsNullOrEmpty(path), "Writes the sensitivity table only when SENSITIVITY_RESULTS_PATH is set: run scripts/sensitivity-table.sh.");
        (string Name, GradCheckOptions Rule)[] rules =
        [
            ("GradAssert default (exact reference)", CorpusRunner.Default),
            ("PyTorch defaults", SensitivityRunner.PyTorch),
            ("course rule", CorpusRunner.Course),
            ("GradAssert, differences only", SensitivityRunner.Differences),
        ];

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Smallest δ caught in {SensitivityRunner.Required} of {SensitivityRunner.Cases} cases (the first {SensitivityRunner.Cases} seeds from {SensitivityRunner.FirstSeed} on whose shapes let the error show), and false alarms on the same cases without the error:");
        text.AppendLine();
        text.Append("| layer | tensor |");
        foreach (var (name, _) in rules)
        {
            text.Append(CultureInfo.InvariantCulture, $" {name}, double | {name}, float |");
        }

        text.AppendLine();
        text.Append("|---|---|");
        text.AppendLine(string.Concat(Enumerable.Repeat("--:|--:|", rules.Length)));
        foreach (var (kind, tensors) in SensitivityRunner.Kinds)
        {
            foreach (string tensor in tensors)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {kind} | {tensor} |");
                foreach (var (_, rule) in rules)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {Cell<double>(kind, tensor, rule)} | {Cell<float>(kind, tensor, rule)} |");
                }

                text.AppendLine();
                output.WriteLine($"{kind}.{tensor} done");
            }
        }

        output.WriteLine(text.ToString());
        File.WriteAllText(path!, text.ToString());
    }

    /// <summary>
    /// The smallest δ caught, with the false alarms when there are any; or how often the rule fails correct code;
    /// marked where rows the exact reference was asked for were judged by differences.
    /// </summary>
    private static string Cell<T>(string kind, string tensor, GradCheckOptions rule) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var clean = SensitivityRunner.Run<T>(kind, tensor, 0, rule);
        if (clean.Failed > SensitivityRunner.Cases - SensitivityRunner.Required)
        {
            // A rule that fails correct code this often "catches" every error: its smallest δ would mean nothing.
            return clean.References.Mark(string.Create(CultureInfo.InvariantCulture, $"fails correct code ({clean.Failed}/{SensitivityRunner.Cases})"));
        }

        var (delta, references) = SensitivityRunner.Smallest<T>(kind, tensor, rule);
        string smallest = SensitivityRunner.Format(delta);
        string cell = clean.Failed == 0 ? smallest : string.Create(CultureInfo.InvariantCulture, $"{smallest} ({clean.Failed}/{SensitivityRunner.Cases} false)");
        return clean.References.Plus(references).Mark(cell);
    }
}
