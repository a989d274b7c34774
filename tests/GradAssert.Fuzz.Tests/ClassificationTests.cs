using GradAssert.Examples.Layers;
using GradAssert.Fuzz.Bugs;

namespace GradAssert.Fuzz.Tests;

/// <summary>The harness classifies what a check says as the brief defines it, end to end and rule by rule.</summary>
public sealed class ClassificationTests
{
    private static readonly bool[] Both = [true, false];

    [Fact]
    public void A_correct_dense_layer_is_classified_as_passed_with_grouping_on_and_off()
    {
        var results = FuzzRunner.Run(DenseKind(), FuzzKind<double>.Correct, seed: 1, Both);

        results.Select(r => r.Outcome).ShouldBe([CaseOutcome.Passed, CaseOutcome.Passed]);
        Tally.Of(results).Disagreements.ShouldBe(0);
    }

    [Fact]
    public void A_dense_layer_whose_weight_gradient_is_doubled_is_caught_on_its_weights()
    {
        var results = FuzzRunner.Run(DenseKind(), "W-doubled", seed: 1, Both);

        results.ShouldAllBe(r => r.Outcome == CaseOutcome.Caught);
        results[0].BrokenTensors.ShouldBe(["W"]);
        results[0].Check!.FailingTensors.ShouldContain("W");
    }

    [Fact]
    public void A_bug_that_changes_no_gradient_is_excluded_and_not_checked()
    {
        // A ReLU on negative inputs has a zero input gradient: scaling it changes nothing.
        var kind = new FuzzKind<double>(
            "ReluOnNegatives", [IssueClass.Ordinary], c => new LayerSubject<double>(new ReLU<double>(), Draws.Normal<double>(c, 0.1, -1, 2, 3)), Plant.Scaled<double>("input"));

        var results = FuzzRunner.Run(kind, "input-scaled", seed: 1, Both);

        results.ShouldAllBe(r => r.Outcome == CaseOutcome.Excluded && r.Check == null);
        Tally.Of(results).Excluded.ShouldBe(2);
    }

    [Fact]
    public void A_correct_case_whose_layer_throws_is_a_false_alarm_with_the_exception_kept()
    {
        var kind = new FuzzKind<double>("Throws", [IssueClass.Ordinary], _ => throw new InvalidOperationException("boom"), Plant.Scaled<double>("input"));

        var result = FuzzRunner.Run(kind, FuzzKind<double>.Correct, seed: 1, [true]).Single();

        result.Outcome.ShouldBe(CaseOutcome.FalseAlarm);
        result.Check!.Error.ShouldBeOfType<InvalidOperationException>();
        CaseDetails.Describe(result).ShouldContain("InvalidOperationException: boom");
        CaseDetails.Describe(result).ShouldContain("--kinds Throws --variant correct --type double --seeds 1 --grouping on");
    }

    [Theory]
    [InlineData(false, true, null, "passed")]
    [InlineData(false, false, "W", "false-alarm")]
    [InlineData(true, true, null, "missed")]
    [InlineData(true, false, "W", "caught")]
    [InlineData(true, false, "b", "wrong-tensor")]
    [InlineData(true, false, null, "wrong-tensor")]
    public void A_report_is_classified_by_its_variant_and_failing_tensors(bool broken, bool passed, string? failing, string expected)
    {
        var result = new CheckResult(passed, failing is null ? [] : [failing], null, "report");

        Classifier.Classify(broken, result, ["W"]).Label().ShouldBe(expected);
    }

    [Theory]
    [InlineData(false, "false-alarm")]
    [InlineData(true, "contract")]
    public void A_contract_exception_is_a_false_alarm_for_correct_code_and_its_own_column_for_broken_code(bool broken, string expected)
    {
        var result = CheckResult.Threw(new LayerContractException("NaN"));

        Classifier.Classify(broken, result, ["input"]).Label().ShouldBe(expected);
        result.IsContract.ShouldBeTrue();
    }

    [Fact]
    public void Grouping_on_and_off_disagree_when_their_outcomes_differ_and_their_texts_are_counted_apart()
    {
        var on = Result(grouping: true, CaseOutcome.Missed, "passed");
        var off = Result(grouping: false, CaseOutcome.Caught, "failed");
        var offSameOutcome = Result(grouping: false, CaseOutcome.Missed, "passed, worded otherwise");

        var disagreeing = Tally.Of([on, off]);
        var reworded = Tally.Of([on, offSameOutcome]);

        (disagreeing.Disagreements, disagreeing.TextDiffers).ShouldBe((1, 1));
        (reworded.Disagreements, reworded.TextDiffers).ShouldBe((0, 1));
        Baseline.Lines([on, offSameOutcome]).ShouldBe(
        [
            "missed Dense W-scaled double seed 3 grouping on",
            "missed Dense W-scaled double seed 3 grouping off",
            "report-text-differs Dense W-scaled double seed 3",
        ]);
    }

    [Fact]
    public void The_baseline_comparison_names_new_misbehaviour_and_cases_that_now_behave()
    {
        var (newlyMisbehaving, nowBehaving) = Baseline.Compare(["missed A", "false-alarm B"], ["false-alarm B", "missed C"]);

        newlyMisbehaving.ShouldBe(["missed C"]);
        nowBehaving.ShouldBe(["missed A"]);
    }

    private static FuzzKind<double> DenseKind() => new(
        "Dense", [IssueClass.Ordinary], c => new LayerSubject<double>(new Dense<double>(3, 2, seed: 5), c.Normal<double>(2, 3)),
        new Bug<double>("W-doubled", (s, _) => ((LayerSubject<double>)s) with { Layer = new ScaledTensorGradient<double>(((LayerSubject<double>)s).Layer, "W", 2) }));

    private static CaseResult Result(bool grouping, CaseOutcome outcome, string text) => new(
        new CaseKey("Dense", "W-scaled", "double", 3, grouping), [IssueClass.Ordinary], outcome, new CheckResult(outcome == CaseOutcome.Missed, [], null, text), ["W"], 1);
}
