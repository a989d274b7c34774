using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using GradAssert.Examples.Layers.Course;

namespace GradAssert.Tests.Reporting;

/// <summary>The report as Markdown, JSON and an SVG chart, each read back and compared with the report's own figures.</summary>
public sealed class ExportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly GradientReport _report;

    public ExportTests()
    {
        var course = CourseNetwork.Load();
        _report = GradCheck.Layer(course.Layered(withBugs: true), course.Input());
    }

    [Fact]
    public void Chart_has_one_bar_per_row_at_the_log_position_of_its_difference()
    {
        var bars = XDocument.Parse(_report.ToSvg()).Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToArray();

        bars.Length.ShouldBe(_report.Tensors.Count);
        for (int i = 0; i < bars.Length; i++)
        {
            var row = _report.Tensors[i];
            ((string)bars[i].Attribute("data-layer")!).ShouldBe(row.Layer);
            ((string)bars[i].Attribute("data-tensor")!).ShouldBe(row.Tensor);
            double.Parse((string)bars[i].Attribute("data-difference")!, CultureInfo.InvariantCulture).ShouldBe(row.Difference);
            double right = Number(bars[i], "x") + Number(bars[i], "width");
            right.ShouldBe(Math.Max(SvgChart.X(row.Difference), Number(bars[i], "x") + 1), 0.01);
        }
    }

    [Fact]
    public void Chart_marks_exactly_the_failing_rows_in_red()
    {
        var bars = XDocument.Parse(_report.ToSvg()).Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToArray();

        var failing = bars.Where(b => (string)b.Attribute("data-passed")! == "false").Select(b => $"{b.Attribute("data-scope")!.Value}:{b.Attribute("data-layer")!.Value}.{b.Attribute("data-tensor")!.Value}");
        failing.ShouldBe(["EndToEnd:Linear1.b", "EndToEnd:Linear2.W", "Local:Linear1.b", "Local:Linear2.W"]);
        bars.Where(b => (string)b.Attribute("data-passed")! == "false").ShouldAllBe(b => (string)b.Attribute("fill")! == "#d32f2f");
        bars.Where(b => (string)b.Attribute("data-passed")! == "true").ShouldAllBe(b => (string)b.Attribute("fill")! != "#d32f2f");
    }

    [Fact]
    public void Chart_draws_the_three_band_lines_where_the_scale_puts_them()
    {
        var lines = XDocument.Parse(_report.ToSvg()).Descendants(Svg + "line").Where(l => (string?)l.Attribute("class") == "threshold").ToArray();

        lines.Select(l => (string)l.Attribute("data-threshold")!).ShouldBe(["1e-7", "1e-5", "1e-3"]);
        Number(lines[0], "x1").ShouldBe(SvgChart.X(1e-7), 0.01);
        Number(lines[1], "x1").ShouldBe(SvgChart.X(1e-5), 0.01);
        Number(lines[2], "x1").ShouldBe(SvgChart.X(1e-3), 0.01);
        (SvgChart.X(1e-3) - SvgChart.X(1e-5)).ShouldBe(SvgChart.X(1e-5) - SvgChart.X(1e-7), 0.01);
    }

    [Fact]
    public void Json_holds_every_row_and_the_blame()
    {
        using var json = JsonDocument.Parse(_report.ToJson());
        var root = json.RootElement;

        root.GetProperty("passed").GetBoolean().ShouldBeFalse();
        root.GetProperty("blamed").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Linear1", "Linear2"]);
        var tensors = root.GetProperty("tensors").EnumerateArray().ToArray();
        tensors.Length.ShouldBe(_report.Tensors.Count);
        tensors[1].GetProperty("difference").GetDouble().ShouldBe(_report.Tensors[1].Difference);
        tensors[1].GetProperty("worstIndex").EnumerateArray().Select(e => e.GetInt32()).ShouldBe(_report.Tensors[1].WorstIndex);
    }

    [Fact]
    public void Json_writes_NaN_as_null()
    {
        var report = GradCheck.Layer(new GradAssert.Tests.Support.Tanh<double>(), new Tensor<double>([2], [0.1, 0.2]));

        using var json = JsonDocument.Parse(report.ToJson());

        json.RootElement.GetProperty("tensors")[0].GetProperty("consistentRatio").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Markdown_is_a_table_with_a_line_per_row()
    {
        var lines = _report.ToMarkdown().Split('\n');

        lines[0].ShouldBe("### Gradient check FAILED: `CourseNetwork` (double), seed 0");
        lines.Count(l => l.StartsWith("| end to end |", StringComparison.Ordinal) || l.StartsWith("| layer |", StringComparison.Ordinal)).ShouldBe(_report.Tensors.Count);
        lines.ShouldContain("**Blamed:** `Linear1`, `Linear2`");
    }

    [SkippableFact]
    public void Chart_renders_to_a_png()
    {
        // A developer's machine may lack rsvg-convert; CI installs it and sets GRADASSERT_REQUIRE_RSVG so this never skips there.
        bool available = Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(folder => File.Exists(Path.Combine(folder, "rsvg-convert")));
        bool required = Environment.GetEnvironmentVariable("GRADASSERT_REQUIRE_RSVG") == "1";
        Skip.If(!available && !required, "rsvg-convert (Debian package librsvg2-bin) is not installed; .ci/run installs it.");

        string directory = Directory.CreateTempSubdirectory("gradassert-chart-").FullName;
        string svg = Path.Combine(directory, "chart.svg"), png = Path.Combine(directory, "chart.png");
        File.WriteAllText(svg, _report.ToSvg());

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("rsvg-convert", ["-o", png, svg]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("rsvg-convert did not start");
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.ShouldBe(0, errors);
        byte[] bytes = File.ReadAllBytes(png);
        bytes[1..4].ShouldBe("PNG"u8.ToArray());
        int width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        width.ShouldBe(1010);
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
