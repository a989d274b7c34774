using GradAssert.Fuzz.Cli;

namespace GradAssert.Fuzz.Tests;

/// <summary>The harness's command line.</summary>
public sealed class ArgumentsTests
{
    [Fact]
    public void The_defaults_are_every_kind_on_seeds_1_to_30_both_types_and_both_groupings()
    {
        var selection = FuzzArguments.Parse([]).Selection;

        selection.Kinds.Count.ShouldBe(Catalogue.Kinds<double>().Count);
        (selection.FirstSeed, selection.LastSeed, selection.Types).ShouldBe((1, 30, FloatTypes.Both));
        selection.Groupings.ShouldBe([true, false]);
        selection.Variant.ShouldBeNull();
        selection.Reference.ShouldBe(Reference.Auto);
    }

    [Fact]
    public void The_reference_is_read_and_reaches_every_case()
    {
        FuzzArguments.Parse(["--reference", "differences"]).Selection.Reference.ShouldBe(Reference.Differences);
        FuzzArguments.Parse(["--reference", "exact"]).Selection.Reference.ShouldBe(Reference.Exact);

        var dense = Catalogue.Kinds<double>().Single(k => k.Name == "Dense");
        var exact = Running.FuzzRunner.Run(dense, FuzzKind<double>.Correct, seed: 1, [true]).Single();
        var differences = Running.FuzzRunner.Run(dense, FuzzKind<double>.Correct, seed: 1, [true], Reference.Differences).Single();

        exact.Outcome.ShouldBe(Running.CaseOutcome.Passed, exact.Check?.Text);
        exact.Check!.Text.ShouldContain("Reference: exact (dual numbers)");
        differences.Check!.Text.ShouldNotContain("Reference:");
    }

    [Fact]
    public void A_kind_is_chosen_by_its_exact_name_before_any_prefix()
    {
        FuzzArguments.Parse(["--kinds", "layernorm"]).Selection.Kinds.ShouldBe(["LayerNorm"]);
        FuzzArguments.Parse(["--kinds", "LayerNorm@"]).Selection.Kinds.ShouldBe(["LayerNorm@3e5", "LayerNorm@200", "LayerNorm@1e5"]);
        FuzzArguments.Parse(["--kinds", "Softmax,Tanh"]).Selection.Kinds.ShouldBe(["Softmax", "Tanh"]);
    }

    [Fact]
    public void Classes_seeds_grouping_type_and_variant_are_read()
    {
        var arguments = FuzzArguments.Parse(["--class", "e", "--seeds", "4..9", "--grouping", "off", "--type", "float", "--variant", "broken", "--verbose", "--out", "t.md"]);

        arguments.Selection.Kinds.ShouldContain("NegativeLog@0.004");
        arguments.Selection.Kinds.ShouldNotContain("Dense");
        (arguments.Selection.FirstSeed, arguments.Selection.LastSeed, arguments.Selection.Types).ShouldBe((4, 9, FloatTypes.Float));
        arguments.Selection.Groupings.ShouldBe([false]);
        arguments.Selection.Includes("input-scaled").ShouldBeTrue();
        arguments.Selection.Includes("correct").ShouldBeFalse();
        (arguments.Verbose, arguments.Out).ShouldBe((true, "t.md"));
        FuzzArguments.Parse(["--seeds", "7"]).Selection.Seeds.ShouldBe([7]);
    }

    [Theory]
    [InlineData("--kinds", "NoSuchKind", "No kind is or starts with 'NoSuchKind'")]
    [InlineData("--seeds", "9..3", "--seeds takes N or FIRST..LAST")]
    [InlineData("--grouping", "maybe", "--grouping takes on, off or both")]
    [InlineData("--class", "Z", "No class 'Z'")]
    [InlineData("--reference", "fd", "--reference takes differences, auto, exact or both")]
    public void A_value_it_cannot_read_is_refused_with_a_sentence(string option, string value, string message)
    {
        Should.Throw<ArgumentException>(() => FuzzArguments.Parse([option, value])).Message.ShouldStartWith(message);
    }
}
