using System.Numerics;
using GradAssert.Corpus.Tests.Corpus;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Grouped finite differences change no verdict: every corpus case (correct layers, hard regimes, planted bugs, in
/// double and float) gives the same report, text for text (every figure, worst index, count and blamed layer), with
/// <see cref="GradCheckOptions.Grouping"/> on and off, or the same exception with the same message.
/// </summary>
[Trait("Category", "Corpus")]
public sealed class GroupingCorpusTests
{
    /// <summary>Cases per entry and type: a quarter of the corpus (GRADASSERT_CASES scales it), both ways each.</summary>
    private static int Cases => Math.Max(1, CorpusRunner.Cases / 4);

    public static TheoryData<string> Correct => new([.. CorrectLayers.Names, .. CorrectLayers.HardNames]);

    public static TheoryData<string> Bugs => new([.. BuggyLayers.Names, .. BuggyLayers.SmallErrorNames]);

    [Theory]
    [MemberData(nameof(Correct))]
    public void Correct_layer_reports_the_same_grouped_and_alone(string layer)
    {
        SameBothWays<double>(c => CorrectLayers.Build<double>(layer, c));
        SameBothWays<float>(c => CorrectLayers.Build<float>(layer, c));
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Planted_bug_reports_the_same_grouped_and_alone(string bug)
    {
        SameBothWays<double>(c => BuggyLayers.Build<double>(bug, c));
        SameBothWays<float>(c => BuggyLayers.Build<float>(bug, c));
    }

    private static void SameBothWays<T>(Func<GradientCase, Scenario<T>> build)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < Cases; i++)
        {
            var c = CorpusRunner.Case(i);
            var options = CorpusRunner.Default with { Seed = c.Seed };
            string grouped = Run(build(CorpusRunner.Case(i)), options);
            string alone = Run(build(CorpusRunner.Case(i)), options with { Grouping = false });
            grouped.ShouldBe(alone, $"{CorpusRunner.TypeName<T>()} {c}");
        }
    }

    private static string Run<T>(Scenario<T> scenario, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            var report = GradCheck.Layer(scenario.Layer, scenario.Input, options);
            return $"{report.Passed} [{string.Join(", ", report.Blamed)}]\n{report}";
        }
        catch (Exception error) when (error is LayerContractException or ArgumentException)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }
}
