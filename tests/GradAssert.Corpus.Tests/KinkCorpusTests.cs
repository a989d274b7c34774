using System.Numerics;
using GradAssert.Corpus.Tests.Corpus;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Layers with kinks, with about a third of the cases placing a minority of the inputs within 1e-6 of a kink
/// (ReLU, leaky ReLU and abs at 0, clamp at its bounds, max-pool at a near tie): they must pass. In float, whose
/// step (5e-3) dwarfs 1e-6, the report must count every planted element among its kinks; in double (step 6e-6) the
/// ladder of smaller steps reads most of them on their own side of the kink and verifies them instead (issue 22).
/// Counting kinks is the work of finite differences: the exact reference takes the side the code takes, which the
/// backward takes too, so under the default (<see cref="Reference.Auto"/>) these elements are verified, not counted.
/// </summary>
[Trait("Category", "Corpus")]
public sealed class KinkCorpusTests
{
    public static TheoryData<string> Layers => new(CorrectLayers.KinkNames);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Inputs_planted_next_to_kinks_pass_in_double_counted_or_verified_by_smaller_steps(string layer) => PassByDefault<double>(layer);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Inputs_planted_next_to_kinks_pass_in_float_under_the_default(string layer) => PassByDefault<float>(layer);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Inputs_planted_at_kinks_pass_and_are_counted_in_float_by_differences(string layer) => KinksCounted<float>(layer);

    private static void PassByDefault<T>(string layer) where T : unmanaged, IFloatingPointIeee754<T> =>
        Passes<T>(layer, CorpusRunner.Default, "default");

    private static void KinksCounted<T>(string layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = Passes<T>(layer, CorpusRunner.Default with { Reference = Reference.Differences }, "differences");

        tally.KinksMissed.ShouldBe(0, tally.Describe());
        tally.ReportedKinks.ShouldBeGreaterThanOrEqualTo(tally.PlantedKinks);
    }

    /// <summary>The layer's 100 correct cases, kinks planted in a fair share of them, every one passing under <paramref name="options"/>.</summary>
    private static Tally Passes<T>(string layer, GradCheckOptions options, string label) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = CorpusRunner.Correct<T>(layer, options, label);

        tally.PlantedKinks.ShouldBeGreaterThan(10, "the corpus should plant kinks in a fair share of its cases");
        tally.FalseFailures.ShouldBe(0, tally.Describe());
        return tally;
    }
}
