using GradAssert.Corpus.Tests.Corpus;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Every correct zoo layer over 100 seeded random cases (shapes and values), in double and in float, judged by the
/// default options: the target is zero false failures. Replay a case with CorrectLayers.Build(name, CorpusRunner.Case(seed − 1)).
/// </summary>
[Trait("Category", "Corpus")]
public sealed class CorrectLayerCorpusTests
{
    public static TheoryData<string> Layers => new(CorrectLayers.Names);

    public static TheoryData<string> HardRegimes => new(CorrectLayers.HardNames);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Correct_layer_never_fails_in_double(string layer) => ShouldNeverFail<double>(layer);

    [Theory]
    [MemberData(nameof(Layers))]
    public void Correct_layer_never_fails_in_float(string layer) => ShouldNeverFail<float>(layer);

    [Theory]
    [MemberData(nameof(HardRegimes))]
    public void Correct_layer_in_a_hard_regime_never_fails_in_double(string layer) => ShouldNeverFail<double>(layer);

    [Theory]
    [MemberData(nameof(HardRegimes))]
    public void Correct_layer_in_a_hard_regime_never_fails_in_float(string layer) => ShouldNeverFail<float>(layer);

    private static void ShouldNeverFail<T>(string layer) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var tally = CorpusRunner.Correct<T>(layer, CorpusRunner.Default, "default");

        tally.Cases.ShouldBe(CorpusRunner.Cases);
        tally.FalseFailures.ShouldBe(0, tally.Describe());
    }
}
