using System.Numerics;
using GradAssert.Corpus.Tests.Corpus;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Every correct zoo layer over 100 seeded random cases (shapes and values), in double and in float, judged by the
/// default options: the target is zero false failures, hard regimes (magnitude 1e3, saturation, large logits, depth)
/// included; and the same under the exact reference (<see cref="Reference.Auto"/>).
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
    public void Correct_layer_never_fails_under_the_exact_reference_in_double(string layer) => ShouldNeverFail<double>(layer, Exact, "exact (Auto)");

    [Theory]
    [MemberData(nameof(Layers))]
    public void Correct_layer_never_fails_under_the_exact_reference_in_float(string layer) => ShouldNeverFail<float>(layer, Exact, "exact (Auto)");

    /// <summary>The exact reference where the layer carries to the dual type (every zoo layer does), all else default.</summary>
    private static readonly GradCheckOptions Exact = new() { Reference = Reference.Auto };

    private static void ShouldNeverFail<T>(string layer, GradCheckOptions? options = null, string label = "default") where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = CorpusRunner.Correct<T>(layer, options ?? CorpusRunner.Default, label);

        tally.Cases.ShouldBe(CorpusRunner.Cases);
        tally.FalseFailures.ShouldBe(0, tally.Describe());
    }
}
