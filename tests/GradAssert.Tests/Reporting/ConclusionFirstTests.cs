using System.Globalization;
using System.Text.RegularExpressions;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Reporting;

/// <summary>
/// A failing report leads with its conclusion (test explorers and CI logs show the top of a message first), says what
/// the order column means once and briefly, and its Taylor lines read in the blame line's own terms.
/// </summary>
public sealed partial class ConclusionFirstTests
{
    // The seed draws the layer, the input and the check's upstream gradient, so the bug's sign varies with it.
    private static GradientReport BiasBug(int seed, int outputs = 1, Reference reference = Reference.Auto) =>
        GradCheck.Layer(new Dense<double>(2, outputs, seed) { BiasSumsFirstRowOnly = true }, new GradientCase(seed).Normal<double>(3, 2), new GradCheckOptions { Seed = seed, Reference = reference });

    [Theory]
    [InlineData(Reference.Differences, " but finite differences give ")]
    [InlineData(Reference.Auto, " but its exact derivative is ")]
    public void A_failing_report_names_the_wrong_tensor_right_under_its_outcome_before_the_figures_and_the_table(Reference reference, string against)
    {
        var lines = BiasBug(1, outputs: 2, reference).ToString().Split('\n');

        lines[0].ShouldStartWith("Gradient check FAILED: Dense (double), seed ");
        lines[1].ShouldBe("Blame: this layer's own backward is wrong:");
        lines[2].ShouldStartWith("  Dense: b[");
        lines[2].ShouldContain(against);
        lines[3].ShouldStartWith("Normalized difference ");
        Array.FindIndex(lines, l => l == "Tensors:").ShouldBeGreaterThan(3);
        lines.Count(l => l.StartsWith("Blame:", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void A_passing_report_keeps_its_blame_none_under_the_table()
    {
        var lines = GradCheck.Layer(new Dense<double>(2, 2, seed: 1), new GradientCase(1).Normal<double>(3, 2)).ToString().Split('\n');

        lines[1].ShouldStartWith("Normalized difference ");
        Array.FindIndex(lines, l => l.StartsWith("Blame: none", StringComparison.Ordinal)).ShouldBeGreaterThan(Array.FindIndex(lines, l => l == "Tensors:"));
    }

    [Theory]
    [InlineData(Reference.Differences)]
    [InlineData(Reference.Auto)]
    public void The_Taylor_line_of_a_one_element_tensor_gives_the_blame_lines_own_values_with_their_signs(Reference reference)
    {
        int flipped = 0;
        foreach (int seed in Enumerable.Range(1, 8))
        {
            string text = BiasBug(seed, reference: reference).ToString();
            var blame = BlameLine().Match(text);
            var taylor = TaylorLine().Match(text);
            blame.Success.ShouldBeTrue(text);
            taylor.Success.ShouldBeTrue(text);

            double analytic = Parse(blame.Groups["analytic"].Value), numerical = Parse(blame.Groups["numerical"].Value);
            taylor.Groups["analytic"].Value.ShouldBe(blame.Groups["analytic"].Value, text);
            Parse(taylor.Groups["numerical"].Value).ShouldBe(numerical, Math.Abs(numerical) * 1e-4, text);
            taylor.Groups["along"].Value.ShouldBe(analytic < numerical ? "n - g" : "g - n", text);
            flipped += analytic < numerical ? 1 : 0;
        }

        // Both orientations occur among these seeds, so the test sees the sign turned as well as kept.
        flipped.ShouldBeInRange(1, 7);
    }

    [Fact]
    public void The_Taylor_line_of_a_consistently_scaled_tensor_gives_the_blame_lines_multiple_and_sign()
    {
        var report = GradCheck.Layer(new Scale<double>(4) { Bug = -2 }, new GradientCase(3).Normal<double>(3, 4));
        string text = report.ToString();

        text.ShouldContain("each wrong one is -2× its numerical value");
        var taylor = TaylorLine().Match(text);
        taylor.Success.ShouldBeTrue(text);
        taylor.Groups["ratio"].Value.ShouldBe("-2", text);
        var row = report.Tensors.Single(t => !t.Passed);
        Math.Sign(Parse(taylor.Groups["analytic"].Value)).ShouldBe(Math.Sign(row.AnalyticAtWorst), text);
        Math.Sign(Parse(taylor.Groups["numerical"].Value)).ShouldBe(Math.Sign(row.NumericalAtWorst), text);
    }

    [Fact]
    public void The_order_legend_is_said_once_briefly_and_explains_only_the_words_shown()
    {
        string text = BiasBug(1).ToString();

        Regex.Count(text, "order: how fast").ShouldBe(1, text);
        string heading = text.Split('\n').Single(l => l.StartsWith("Taylor tests (", StringComparison.Ordinal));
        heading.Length.ShouldBeLessThan(130, heading);
        text.ShouldNotContain("floor: J is linear");
        text.ShouldNotContain("curvature cancelled");
    }

    [Fact]
    public void A_report_whose_rows_got_no_Taylor_test_has_no_order_column_and_no_legend()
    {
        var report = GradCheck.Layer(new Dense<double>(2, 2, seed: 1), new GradientCase(1).Normal<double>(3, 2), new GradCheckOptions { SecondOpinion = false });

        report.Tensors.ShouldAllBe(t => t.TaylorTests.Count == 0);
        report.ToString().ShouldNotContain("order");
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"  Dense: b\[0\] is (?<analytic>\S+) but (?:finite differences give|its exact derivative is) (?<numerical>\S+) \(")]
    private static partial Regex BlameLine();

    [GeneratedRegex(@"along its error (?<along>g - n|n - g): order 1\.00, first order: the gradient is wrong along it \(analytic (?<analytic>\S+) but the remainders give (?<numerical>\S+), (?<ratio>[-0-9.]+)×\)")]
    private static partial Regex TaylorLine();
}
