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

    /// <summary>Finite differences only, as before the exact reference, all else default.</summary>
    private static GradCheckOptions Differences => CorpusRunner.Default with { Reference = Reference.Differences };

    private static void ShouldNeverFail<T>(string layer, GradCheckOptions? options = null, string label = "default") where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = CorpusRunner.Correct<T>(layer, options ?? CorpusRunner.Default, label);

        tally.Cases.ShouldBe(CorpusRunner.Cases);
        tally.FalseFailures.ShouldBe(0, tally.Describe());
    }
}
