using System.Globalization;
using System.Numerics;

namespace GradAssert.Corpus.Tests.Corpus;

/// <summary>Runs a corpus layer over its seeded random cases and counts what the checker said.</summary>
internal static class CorpusRunner
{
    /// <summary>Cases per layer and type: 100, or GRADASSERT_CASES when set (to scale the corpus up in CI).</summary>
    public static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("GRADASSERT_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 100;

    /// <summary>
    /// The default options; only the seed follows the case, so each case draws its own upstream gradient. With
    /// CORPUS_GROUPING=off every element is compared alone (scripts/corpus-grouping.sh compares the two tables).
    /// </summary>
    public static GradCheckOptions Default =>
        Environment.GetEnvironmentVariable("CORPUS_GROUPING") == "off" ? GradCheckOptions.Default with { Grouping = false } : GradCheckOptions.Default;

    /// <summary>The course's fixed rule: step 1e-7, normalized difference below 2e-7.</summary>
    public static GradCheckOptions Course { get; } =
        new() { Step = StepSize.Fixed(1e-7), Tolerance = Tolerance.NormalizedDifference(2e-7), Reference = Reference.Differences };

    /// <summary>Case i of every corpus layer has seed i + 1: (layer, type, seed) replays it.</summary>
    public static GradientCase Case(int i) => new(i + 1, i);

    public static Tally Correct<T>(string name, GradCheckOptions rule, string ruleName, int? cases = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = new Tally(name, TypeName<T>(), ruleName);
        for (int i = 0; i < (cases ?? Cases); i++)
        {
            var c = Case(i);
            var scenario = CorrectLayers.Build<T>(name, c);
            tally.Cases++;
            tally.PlantedKinks += scenario.PlantedKinks;
            var (report, error) = Check(scenario, rule with { Seed = c.Seed });
            if (report is null || !report.Passed)
            {
                tally.ContractErrors += error is LayerContractException ? 1 : 0;
                tally.Rejected += error is ArgumentException ? 1 : 0;
                tally.FalseFailures++;
                tally.Note($"FALSE FAILURE {name} {TypeName<T>()} {c}\n{(object?)report ?? error}");
                continue;
            }

            int kinks = report.Tensors.Where(t => t.Tensor == "input").Sum(t => t.Kinks);
            tally.ReportedKinks += kinks;
            if (kinks < scenario.PlantedKinks)
            {
                tally.KinksMissed++;
                tally.Note($"KINKS MISSED {name} {TypeName<T>()} {c}: planted {scenario.PlantedKinks}, reported {kinks}\n{report}");
            }
        }

        return tally;
    }

    public static Tally Bug<T>(string name, GradCheckOptions rule, string ruleName, int? cases = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = new Tally(name, TypeName<T>(), ruleName);
        for (int i = 0; i < (cases ?? Cases); i++)
        {
            var c = Case(i);
            var scenario = BuggyLayers.Build<T>(name, c);
            tally.Cases++;
            if (!scenario.CanShow)
            {
                tally.CannotShow++;
                continue;
            }

            tally.Showable++;
            var (report, error) = Check(scenario, rule with { Seed = c.Seed });
            if (error is ArgumentException)
            {
                tally.Rejected++;
                continue;
            }

            if (report is null)
            {
                tally.ContractErrors++;
                tally.Note($"CONTRACT ERROR {name} {TypeName<T>()} {c}\n{error}");
                continue;
            }

            var failing = report.Tensors.Where(t => !t.Passed).Select(t => t.Tensor).Distinct().ToArray();
            if (report.Passed)
            {
                tally.Note($"MISSED {name} {TypeName<T>()} {c}\n{report}");
            }
            else if (scenario.Blame is not null ? report.Blamed.SequenceEqual([scenario.Blame]) : failing.Length > 0 && failing.All(scenario.Expected!.Contains))
            {
                tally.Detected++;
            }
            else
            {
                tally.WrongTensor++;
                tally.Note($"WRONG TENSOR {name} {TypeName<T>()} {c}: expected [{string.Join(", ", scenario.Expected ?? [])}] blame [{scenario.Blame}], blamed [{string.Join(", ", report.Blamed)}], failing [{string.Join(", ", failing)}]\n{report}");
            }
        }

        return tally;
    }

    public static string TypeName<T>() => typeof(T) == typeof(float) ? "float" : "double";

    private static (GradientReport? Report, Exception? Error) Check<T>(Scenario<T> scenario, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            return (GradCheck.Layer(scenario.Layer, scenario.Input, options), null);
        }
        catch (Exception error) when (error is LayerContractException or ArgumentException)
        {
            // ArgumentException: the rule cannot be applied to these values (a fixed step below their resolution).
            return (null, error);
        }
    }
}
