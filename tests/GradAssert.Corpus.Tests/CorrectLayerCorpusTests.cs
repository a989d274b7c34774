using System.Numerics;
using GradAssert.Corpus.Tests.Corpus;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Every correct zoo layer over 100 seeded random cases (shapes and values), in double and in float, judged by the
/// default options (the exact reference, <see cref="Reference.Auto"/>): the target is zero false failures, hard regimes
/// (magnitude 1e3, saturation, large logits, depth) included; and the same by finite differences alone
/// (<see cref="Reference.Differences"/>).
/// </summary>
[Trait("Category", "Corpus")]
public sealed class CorrectLayerCorpusTests
{
    private static readonly string[] All = [.. CorrectLayers.Names, .. CorrectLayers.HardNames];

    public static TheoryData<string> Layers => new(All);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Correct_layer_never_fails_in_double(string layer) => ShouldNeverFail<double>(layer);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Correct_layer_never_fails_in_float(string layer) => ShouldNeverFail<float>(layer);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Correct_layer_never_fails_by_differences_alone_in_double(string layer) => ShouldNeverFail<double>(layer, Differences, "differences");

    [Theory]
    [MemberData(nameof(Layers))]
    public void Correct_layer_never_fails_by_differences_alone_in_float(string layer) => ShouldNeverFail<float>(layer, Differences, "differences");

    [Fact]
    public void A_float_cross_entropy_whose_gradient_is_subnormal_passes_along_itself()
    {
        // Case 776 of SoftmaxCrossEntropy@largeLogits (two classes 30 apart): a gradient of 1.2e-42, where float rounds by
        // 1.4e-45 absolute, failed the comparison along its own direction until its allowance kept the elements' floor
        // for rounding below the normal range; the measured sample, relative to each value, does not see it.
        var c = CorpusRunner.Case(776);
        var scenario = CorrectLayers.Build<float>("SoftmaxCrossEntropy@largeLogits", c);

        var report = GradCheck.Layer(scenario.Layer, scenario.Input, CorpusRunner.Default with { Seed = c.Seed });

        report.Passed.ShouldBeTrue(report.ToString());
        Math.Abs(report.Tensors.Single().AnalyticAtWorst).ShouldBeLessThan(1e-38);
    }

    /// <summary>Finite differences only, as before the exact reference, all else default.</summary>
    private static GradCheckOptions Differences => CorpusRunner.Default with { Reference = Reference.Differences };

    private static void ShouldNeverFail<T>(string layer, GradCheckOptions? options = null, string label = "default") where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = CorpusRunner.Correct<T>(layer, options ?? CorpusRunner.Default, label);

        tally.Cases.ShouldBe(CorpusRunner.Cases);
        tally.FalseFailures.ShouldBe(0, tally.Describe());
    }
}
