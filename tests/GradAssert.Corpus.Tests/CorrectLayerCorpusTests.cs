using System.Numerics;
using GradAssert.Corpus.Tests.Corpus;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Every correct zoo layer over 100 seeded random cases (shapes and values), in double and in float, judged by the
/// default options: the target is zero false failures. Entries the current engine gets wrong are listed in
/// <see cref="EngineIssues"/> and run by the skipped theories below, so the lead can unskip them after a fix.
/// </summary>
[Trait("Category", "Corpus")]
public sealed class CorrectLayerCorpusTests
{
    private static readonly string[] All = [.. CorrectLayers.Names, .. CorrectLayers.HardNames];

    public static TheoryData<string> DoubleLayers => EngineIssues.Runnable(All, "double");

    public static TheoryData<string> FloatLayers => EngineIssues.Runnable(All, "float");

    public static TheoryData<string> DoubleBelowResolution => EngineIssues.Blocked(All, "double", EngineIssues.BelowResolution);

    public static TheoryData<string> FloatBelowResolution => EngineIssues.Blocked(All, "float", EngineIssues.BelowResolution);

    public static TheoryData<string> DoubleForwardCancellation => EngineIssues.Blocked(All, "double", EngineIssues.ForwardCancellation);

    [Theory]
    [MemberData(nameof(DoubleLayers))]
    public void Correct_layer_never_fails_in_double(string layer) => ShouldNeverFail<double>(layer);

    [Theory]
    [MemberData(nameof(FloatLayers))]
    public void Correct_layer_never_fails_in_float(string layer) => ShouldNeverFail<float>(layer);

    [Theory(Skip = EngineIssues.BelowResolution)]
    [MemberData(nameof(DoubleBelowResolution))]
    public void Correct_saturated_layer_never_fails_in_double(string layer) => ShouldNeverFail<double>(layer);

    [Theory(Skip = EngineIssues.BelowResolution)]
    [MemberData(nameof(FloatBelowResolution))]
    public void Correct_saturated_layer_never_fails_in_float(string layer) => ShouldNeverFail<float>(layer);

    [Theory(Skip = EngineIssues.ForwardCancellation)]
    [MemberData(nameof(DoubleForwardCancellation))]
    public void Correct_layer_with_a_cancelling_forward_never_fails_in_double(string layer) => ShouldNeverFail<double>(layer);

    [Fact]
    public void Every_corpus_entry_is_asserted_or_skipped_with_an_engine_reason()
    {
        foreach (var type in new[] { "double", "float" })
        {
            int runnable = EngineIssues.Runnable(All, type).Count;
            int blocked = All.Count(n => EngineIssues.Reason(n, type) is not null);
            (runnable + blocked).ShouldBe(All.Length);
        }
    }

    private static void ShouldNeverFail<T>(string layer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = CorpusRunner.Correct<T>(layer, CorpusRunner.Default, "default");

        tally.Cases.ShouldBe(CorpusRunner.Cases);
        tally.FalseFailures.ShouldBe(0, tally.Describe());
    }
}
