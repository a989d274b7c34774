using GradAssert.Tests.Support;

namespace GradAssert.Tests.Reporting;

/// <summary>The per-layer table: what a tired reader needs at 2 a.m., in a test runner's failure pane.</summary>
public sealed class ReportTests
{
    private static GradientReport Failing() => GradCheck.Layer(
        new Sequential<double>("net", new Dense<double>(3, 4, seed: 1, name: "enc"), new Tanh<double>(), new Dense<double>(4, 2, seed: 2, name: "dec") { BiasSumsFirstRowOnly = true }),
        new GradientCase(4).Normal<double>(3, 3),
        new GradCheckOptions { Seed = 42 });

    [Fact]
    public void Failing_table_states_the_outcome_model_type_and_seed_first()
    {
        Failing().ToString().Split('\n')[0].ShouldBe("Gradient check FAILED: net (double), seed 42");
    }

    [Fact]
    public void Failing_table_has_both_sections_and_a_header_row()
    {
        string text = Failing().ToString();

        text.ShouldContain("End to end (the gradient of the whole model):");
        text.ShouldContain("Layer by layer (each layer alone, on the activation it received):");
        text.ShouldContain("layer  tensor  shape  checked  difference  band");
    }

    [Fact]
    public void Failing_table_blames_with_the_worst_element_and_both_values()
    {
        var report = Failing();
        var row = report.Tensors.Single(t => t.Scope == CheckScope.Local && t.Layer == "dec" && t.Tensor == "b");

        string text = report.ToString();

        text.ShouldContain("Blame: this layer's own backward is wrong:");
        text.ShouldContain($"dec: b{Format(row.WorstIndex)} is {row.AnalyticAtWorst:G6} but its exact derivative is {row.NumericalAtWorst:G6}");
        text.ShouldContain("Replay: pass new GradCheckOptions { Seed = 42 } to the check.");
    }

    [Fact]
    public void Each_row_shows_shape_difference_band_and_result()
    {
        var lines = Failing().ToString().Split('\n');

        lines.ShouldContain(l => l.StartsWith("  dec ", StringComparison.Ordinal) && l.Contains(" b ") && l.Contains("[2]") && l.Contains(" wrong ") && l.EndsWith("WRONG: 2 of 2 off", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("  enc ", StringComparison.Ordinal) && l.Contains(" W ") && l.Contains("[3,4]") && l.EndsWith("ok", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_are_aligned_in_columns()
    {
        var lines = Failing().ToString().Split('\n');
        int header = Array.FindIndex(lines, l => l.Contains("layer  tensor"));
        int column = lines[header].IndexOf("difference", StringComparison.Ordinal);

        lines[header + 1].Substring(column, 10).Trim().ShouldMatch(@"^\d\.\d\de[+-]\d\d$");
    }

    [Fact]
    public void Passing_report_says_no_one_is_blamed_and_prints_no_replay_line()
    {
        string text = GradientAssert.Layer(new Tanh<double>(), new GradientCase(1).Normal<double>(2, 2)).ToString();

        text.ShouldStartWith("Gradient check passed: Tanh (double), seed 0");
        text.ShouldContain("Blame: none");
        text.ShouldNotContain("Replay");
    }

    [Theory]
    [InlineData(5e-8, Verdict.Great)]
    [InlineData(5e-6, Verdict.Careful)]
    [InlineData(5e-4, Verdict.Worried)]
    [InlineData(1e-3, Verdict.Wrong)]
    [InlineData(0.3, Verdict.Wrong)]
    public void Bands_follow_the_course(double difference, Verdict verdict)
    {
        VerdictBands.Of(difference).ShouldBe(verdict);
    }

    [Fact]
    public void Exception_message_is_the_report()
    {
        var error = Should.Throw<GradientCheckException>(() => GradientAssert.Layer(new Exp<double> { Derivative = v => v }, new GradientCase(2).Normal<double>(2, 2)));

        error.Message.ShouldBe(error.Report.ToString());
    }

    private static string Format(IReadOnlyList<int> index) => "[" + string.Join(",", index) + "]";
}
