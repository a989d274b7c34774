using System.Text.Json;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Checking;

/// <summary>
/// <see cref="GradCheckOptions.Overrides"/>: settings for one layer, or one tensor of it, that differ from the check's;
/// the rows they match are judged and compared with them, and the header lists the ones that applied.
/// </summary>
public sealed class OverrideTests
{
    private static Tensor<double> Input => new GradientCase(21).Normal<double>(3, 4);

    private static Sequential<double> Mlp(Dense<double>? last = null) => new(
        new Dense<double>(4, 5, seed: 1, name: "first"),
        new Tanh<double>("tanh"),
        last ?? new Dense<double>(5, 2, seed: 3, name: "last"));

    [Fact]
    public void A_tolerance_override_judges_only_the_tensor_it_names()
    {
        // A threshold no real check meets: the rows it judges fail, the others keep the error model.
        var options = new GradCheckOptions { Overrides = [new CheckOverride("last", "W") { Tolerance = Tolerance.NormalizedDifference(1e-300) }] };

        var report = GradCheck.Layer(Mlp(), Input, options);

        report.Passed.ShouldBeFalse();
        report.Tensors.Where(t => !t.Passed).Select(t => $"{t.Layer}.{t.Tensor}").Distinct().ShouldBe(["last.W"]);
        report.Blamed.ShouldBe(["last"]);
    }

    [Theory]
    [InlineData(Reference.Differences)]
    [InlineData(Reference.Auto)]
    public void A_wider_tolerance_for_one_layer_lets_its_small_error_pass_and_nothing_else(Reference reference)
    {
        var slightlyOff = new Dense<double>(5, 2, seed: 3, name: "last") { WeightGradientScale = 1.001 };

        GradCheck.Layer(Mlp(slightlyOff), Input, new GradCheckOptions { Reference = reference }).Blamed.ShouldBe(["last"]);
        var widened = GradCheck.Layer(Mlp(new Dense<double>(5, 2, seed: 3, name: "last") { WeightGradientScale = 1.001 }), Input,
            new GradCheckOptions { Overrides = [new CheckOverride("last") { Tolerance = Tolerance.AllClose(1e-2, 1e-2) }], Reference = reference });

        widened.Passed.ShouldBeTrue(widened.ToString());
        widened.ToString().ShouldContain("\nOverride: last: tolerance |g-n| <= 0.01 + 0.01*|n|\n");
    }

    [Fact]
    public void A_mode_override_checks_one_big_tensor_in_full_while_the_rest_are_sampled()
    {
        var options = new GradCheckOptions { MaxElements = 4, Reference = Reference.Differences, Overrides = [new CheckOverride("Dense", "W") { Mode = CheckMode.Full }] };

        var report = GradCheck.Layer(new Dense<double>(8, 8, seed: 1), new GradientCase(2).Normal<double>(4, 8), options);

        report.Tensors.Single(t => t.Tensor == "W").Sampled.ShouldBeFalse();
        report.Tensors.Single(t => t.Tensor == "W").Checked.ShouldBe(64);
        report.Tensors.Single(t => t.Tensor == "input").Sampled.ShouldBeTrue();
    }

    [Fact]
    public void The_header_lists_the_overrides_that_applied_and_every_format_carries_them()
    {
        var options = new GradCheckOptions { Overrides = [new CheckOverride("first", "W") { Tolerance = Tolerance.ErrorModel(20), Step = StepSize.Fixed(1e-4) }] };

        var report = GradCheck.Layer(Mlp(), Input, options);

                report.ToString().ShouldContain("\nOverride: first.W: tolerance error model ×20, step h = 0.0001\n");
        report.ToMarkdown().ShouldContain("Override: first.W: tolerance error model");
        using var json = JsonDocument.Parse(report.ToJson());
        json.RootElement.GetProperty("overrides")[0].GetString().ShouldStartWith("first.W: tolerance error model");
        json.RootElement.GetProperty("tensors").EnumerateArray()
            .Where(t => t.TryGetProperty("tolerance", out _)).Select(t => t.GetProperty("layer").GetString() + "." + t.GetProperty("tensor").GetString())
            .Distinct().ShouldBe(["first.W"]);
    }

    [Fact]
    public void An_override_that_matches_no_tensor_is_a_warning_naming_the_tensors_there_are()
    {
        var options = new GradCheckOptions { Overrides = [new CheckOverride("lats", "W") { Tolerance = Tolerance.ErrorModel(20) }] };

        var report = GradCheck.Layer(Mlp(), Input, options);

        report.Passed.ShouldBeTrue();
        report.Warnings.ShouldContain(w => w.StartsWith("the override for lats.W matched no tensor of this check, so it changed nothing; the tensors here are ", StringComparison.Ordinal) && w.Contains("last.W"));
        report.ToString().ShouldNotContain("Override:");
    }

    [Fact]
    public void A_path_suffix_names_a_sub_layer_wherever_it_sits()
    {
        var overrideForLast = new CheckOverride("last", "b");

        overrideForLast.Matches("encoder/last", "b").ShouldBeTrue();
        overrideForLast.Matches("encoder/last", "W").ShouldBeFalse();
        overrideForLast.Matches("encoder/blast", "b").ShouldBeFalse();
        new CheckOverride("last").Matches("last", "W").ShouldBeTrue();
    }

    [Fact]
    public void Options_built_in_code_name_no_sources()
    {
        var report = GradCheck.Layer(Mlp(), Input, new GradCheckOptions { Tolerance = Tolerance.ErrorModel(20) });

        report.ToString().ShouldNotContain("Settings from");
        report.ToJson().ShouldNotContain("settingsFrom");
    }
}
