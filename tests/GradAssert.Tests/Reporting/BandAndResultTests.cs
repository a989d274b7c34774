using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using GradAssert.Examples.Layers.Course;
using GradAssert.Cases;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Reporting;

/// <summary>
/// Every rendered row shows the figure its result follows from (error over tolerance, at most 1 passes); the course's
/// band only where it means something (double, or the course's own rule); a passing row or report never says "wrong",
/// and a header whose figures look odd for its outcome says why in words.
/// </summary>
public sealed class BandAndResultTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>
    /// A correct float layer whose normalized difference by finite differences (about 3e-3: even steps of thousands read
    /// a slope of 0.1 on an output near 1e8 to a few tenths of a percent) lies in the course's "wrong" band; its exact
    /// derivatives would settle it to rounding.
    /// </summary>
    private static GradientReport CorrectFloatInTheWrongBand() =>
        GradCheck.Layer(new Offset<float>(0.1, 1e8), new GradientCase(0).Normal<float>(3, 4), new GradCheckOptions { Reference = Reference.Differences });

    /// <summary>A correct double layer with tiny gradients next to a big objective: difference by finite differences about 3e-3, all within tolerance.</summary>
    private static GradientReport CorrectDoubleInTheWrongBand() =>
        GradCheck.Layer(new Offset<double>(1e-9, 1e6), new GradientCase(0).Normal<double>(3, 4), new GradCheckOptions { Reference = Reference.Differences });

    private static GradientReport Course() => GradCheck.Layer(CourseNetwork.Load().Layered(withBugs: true), CourseNetwork.Load().Input());

    [Fact]
    public void A_correct_float_report_in_the_wrong_band_never_says_wrong()
    {
        var report = CorrectFloatInTheWrongBand();

        report.Passed.ShouldBeTrue();
        report.Verdict.ShouldBe(Verdict.Wrong);
        report.ToString().ShouldNotContain("wrong", Case.Insensitive);
        report.ToMarkdown().ShouldNotContain("wrong", Case.Insensitive);
        report.ToSvg().ShouldNotContain("wrong", Case.Insensitive);
    }

    [Fact]
    public void A_rows_one_line_form_states_its_outcome_and_the_figure_it_follows_from()
    {
        var row = CorrectFloatInTheWrongBand().Tensors.Single();

        row.ToString().ShouldMatch(@"^Offset\.input \(EndToEnd\): passed, error/tolerance 0\.\d+, difference 2\.93e-03$");
    }

    [Fact]
    public void Float_tables_leave_out_the_course_band_and_the_header_says_why()
    {
        var lines = CorrectFloatInTheWrongBand().ToString().Split('\n');

        lines[1].ShouldBe("Normalized difference 2.93e-03 over 12 elements end to end");
        lines[2].ShouldStartWith("Passed all the same: every element is within the error model's estimate of its finite-difference error (err/tol at most ");
        lines[2].ShouldContain("in float, rounding alone puts a correct gradient's difference at 1e-5 to 1e-2, so the course's bands (made for double) are not shown");
        lines.ShouldContain(l => l.TrimStart().StartsWith("layer", StringComparison.Ordinal) && !l.Contains("band") && l.Contains("err/tol"));
    }

    [Fact]
    public void The_course_rule_keeps_its_bands_in_float()
    {
        var report = GradCheck.Layer(new Tanh<float>(), new GradientCase(0).Normal<float>(3, 4), new GradCheckOptions { Tolerance = Tolerance.NormalizedDifference(1e-2) });

        report.ToString().ShouldContain("difference  band");
        report.BandsApply.ShouldBeTrue();
    }

    [Fact]
    public void A_correct_double_row_in_the_bug_range_reads_high_and_the_header_says_why()
    {
        var report = CorrectDoubleInTheWrongBand();
        var lines = report.ToString().Split('\n');

        report.Passed.ShouldBeTrue();
        report.Tensors.Single().Verdict.ShouldBe(Verdict.Wrong);
        lines[1].ShouldBe("Normalized difference 2.87e-03 over 12 elements end to end, above the course's 1e-3 line");
        lines[2].ShouldStartWith("Passed all the same: every element is within the error model's estimate of its finite-difference error (err/tol at most ");
        lines[2].ShouldContain("the gradient is small next to the error of finite differences themselves (max |g-n| ");
        Row(lines, "Offset").ShouldMatch(@"^  Offset  input +\[3,4\] +12 +2\.87e-03  high +\S+ .* ok$");
        report.ToString().ShouldNotContain("wrong", Case.Insensitive);
        report.ToMarkdown().ShouldNotContain("wrong", Case.Insensitive);
    }

    [Fact]
    public void Every_row_shows_the_error_to_tolerance_its_result_follows_from()
    {
        var report = Course();
        var lines = report.ToString().Split('\n');
        int header = Array.FindIndex(lines, l => l.Contains("err/tol", StringComparison.Ordinal));
        int column = lines[header].IndexOf("err/tol", StringComparison.Ordinal) + "err/tol".Length;

        var rows = lines.Skip(header + 1).TakeWhile(l => l.Length > 0).ToArray();
        rows.Length.ShouldBe(report.Tensors.Count(t => t.Scope == CheckScope.EndToEnd));
        for (int i = 0; i < rows.Length; i++)
        {
            var row = report.Tensors[i];
            string cell = rows[i][..column].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            double shown = double.Parse(cell, CultureInfo.InvariantCulture);
            shown.ShouldBe(row.ErrorToTolerance, Math.Abs(row.ErrorToTolerance) * 0.06);
            (shown <= 1).ShouldBe(row.Passed);
            rows[i].EndsWith(" ok", StringComparison.Ordinal).ShouldBe(row.Passed);
        }
    }

    [Fact]
    public void A_failing_row_says_in_words_why_it_fails()
    {
        var lines = Course().ToString().Split('\n');

        Row(lines, "Linear1  b").ShouldEndWith("WRONG: 5 of 5 off");
        Row(lines, "Linear2  W").ShouldEndWith("WRONG: 12 of 15 off");
    }

    [Fact]
    public void A_failing_report_with_a_small_difference_says_why_it_fails()
    {
        var model = new Sequential<double>(new Scale<double>(40, "big"), new Scale<double>(40, "s") { Bug = 1.00001 });

        var report = GradCheck.Layer(model, new GradientCase(1).Normal<double>(30, 40));
        var lines = report.ToString().Split('\n');

        report.Passed.ShouldBeFalse();
        report.Verdict.ShouldBe(Verdict.Careful);
        lines[1].ShouldBe("Blame: this layer's own backward is wrong:");
        lines[2].ShouldContain("each wrong one is 1.00001× its numerical value");
        lines[3].ShouldStartWith("Normalized difference 4.76e-06 (careful) over ");
        lines[4].ShouldStartWith("Failed all the same: ");
        lines[4].ShouldContain("elements are over their tolerance (err/tol up to ");
    }

    [Fact]
    public void Json_keeps_the_raw_verdict_and_adds_the_figure_the_result_follows_from()
    {
        var report = CorrectFloatInTheWrongBand();

        using var json = JsonDocument.Parse(report.ToJson());

        var root = json.RootElement;
        root.GetProperty("passed").GetBoolean().ShouldBeTrue();
        root.GetProperty("verdict").GetString().ShouldBe("Wrong");
        root.GetProperty("bandsApply").GetBoolean().ShouldBeFalse();
        root.GetProperty("errorToTolerance").GetDouble().ShouldBe(report.ErrorToTolerance);
        var row = root.GetProperty("tensors")[0];
        row.GetProperty("errorToTolerance").GetDouble().ShouldBe(report.Tensors[0].ErrorToTolerance);
        row.GetProperty("errorToTolerance").GetDouble().ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Chart_of_a_float_check_draws_no_course_bands_and_labels_each_bar_with_its_result()
    {
        var report = CorrectFloatInTheWrongBand();

        var svg = XDocument.Parse(report.ToSvg());

        svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "band").ShouldBeEmpty();
        var bar = svg.Descendants(Svg + "rect").Single(r => (string?)r.Attribute("class") == "bar");
        double.Parse((string)bar.Attribute("data-error-to-tolerance")!, CultureInfo.InvariantCulture).ShouldBe(report.Tensors[0].ErrorToTolerance);
        svg.Descendants(Svg + "text").ShouldContain(t => t.Value.StartsWith("2.93e-03  ok, err/tol ", StringComparison.Ordinal));
    }

    [Fact]
    public void Chart_of_a_double_check_keeps_the_bands_but_never_calls_a_passing_bar_wrong()
    {
        var svg = XDocument.Parse(CorrectDoubleInTheWrongBand().ToSvg());

        svg.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "band").ShouldBe(4);
        svg.Descendants(Svg + "text").ShouldContain(t => t.Value.StartsWith("2.87e-03  ok, err/tol ", StringComparison.Ordinal));
        svg.Descendants(Svg + "text").ShouldContain(t => t.Value.StartsWith("Passed all the same: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Passing_summary_line_quotes_error_to_tolerance_and_the_difference_only_for_double()
    {
        var result = GradientProperty.Run("T.Float_and_double", new GradientPropertySettings(2, 3, null), c =>
        {
            GradientAssert.Layer(new Offset<float>(0.1, 1000, "Offset32"), c.Normal<float>(3, 4));
            GradientAssert.Layer(new Offset<double>(0.5, 0, "Offset64"), c.Normal<double>(3, 4));
        }, _ => null);

        result.Passed.ShouldBeTrue(result.Summary);
        result.Summary.ShouldMatch(@"worst error/tolerance per layer \(above 1 fails; the normalized difference beside it where the course's bands apply\): Offset32 \S+, Offset64 \S+ \(\d\.\d\de[-+]\d\d\)\.$");
        result.Summary.ShouldNotContain("wrong", Case.Insensitive);
    }

    private static string Row(string[] lines, string start) => lines.First(l => l.StartsWith("  " + start, StringComparison.Ordinal));
}
