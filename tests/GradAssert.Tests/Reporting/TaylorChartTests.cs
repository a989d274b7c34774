using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using GradAssert.Examples.Layers.Course;
using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Reporting;

/// <summary>
/// The chart's log-log plots of the Taylor remainder, read back as XML and held against the report: the order each
/// panel shows is the one the text report prints for that row, every point is one of the report's remainders at its
/// place on the log scales, and the guides rise with slopes 1 and 2.
/// </summary>
public sealed class TaylorChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Reports => new() { "course network with two bugs", "float tanh in Taylor mode", "float softmax off by 0.3%" };

    [Fact]
    public void Chart_plots_each_failing_tensor_and_only_those_by_default()
    {
        var report = Build("course network with two bugs");

        var panels = Panels(report).Select(p => $"{p.Attribute("data-scope")!.Value}:{p.Attribute("data-layer")!.Value}.{p.Attribute("data-tensor")!.Value}");

        panels.ShouldBe(report.Tensors.Where(t => !t.Passed).Select(t => $"{t.Scope}:{t.Layer}.{t.Tensor}"), ignoreOrder: true);
        Panels(GradCheck.Layer(new Zoo.Tanh<double>(), new GradientCase(2).Normal<double>(3, 4))).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Each_panel_shows_the_order_the_text_report_prints_for_its_row(string name)
    {
        var report = Build(name);
        var orders = TextOrders(report.ToString());

        var panels = Panels(report);
        panels.ShouldNotBeEmpty();
        foreach (var panel in panels)
        {
            var row = Row(report, panel);
            panel.Attribute("data-order")!.Value.ShouldBe(row.Taylor!.OrderText);
            panel.Attribute("data-verdict")!.Value.ShouldBe(row.Taylor.Verdict.ToString());
            orders[(row.Scope, row.Layer, row.Tensor)].ShouldBe(row.Taylor.OrderText);
            Number(panel, "data-order-value").ShouldBe(row.Taylor.Order);
        }
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_point_is_a_remainder_of_the_report_at_its_place_on_the_log_scales(string name)
    {
        var report = Build(name);
        foreach (var panel in Panels(report))
        {
            var test = Row(report, panel).Taylor!;
            var area = panel.Elements(Svg + "rect").Single(r => (string?)r.Attribute("class") == "taylor-area");
            double x = Number(area, "x"), y = Number(area, "y"), width = Number(area, "width"), height = Number(area, "height");
            double hMin = Number(area, "data-log-step-min"), hMax = Number(area, "data-log-step-max");
            double rMin = Number(area, "data-log-remainder-min"), rMax = Number(area, "data-log-remainder-max");
            var series = new Dictionary<string, IReadOnlyList<double>>
            {
                ["plus"] = test.Remainders,
                ["minus"] = test.OppositeRemainders,
                ["cancelled"] = test.CancelledRemainders,
            };

            var points = panel.Elements(Svg + "circle").Where(c => (string?)c.Attribute("class") == "taylor-point").ToArray();
            points.Length.ShouldBe(series.Values.Sum(s => s.Count(v => v > 0)));
            foreach (var point in points)
            {
                double h = Number(point, "data-step"), r = Number(point, "data-remainder");
                int k = test.Steps.ToList().IndexOf(h);
                k.ShouldBeGreaterThanOrEqualTo(0, $"step {h} is one of the test's");
                r.ShouldBe(series[point.Attribute("data-series")!.Value][k]);
                Number(point, "cx").ShouldBe(x + ((Math.Log10(h) - hMin) / (hMax - hMin) * width), 0.01);
                Number(point, "cy").ShouldBe(y + height - ((Math.Log10(r) - rMin) / (rMax - rMin) * height), 0.01);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Guides_rise_with_slopes_one_and_two_on_the_log_scales(string name)
    {
        foreach (var panel in Panels(Build(name)))
        {
            var area = panel.Elements(Svg + "rect").Single(r => (string?)r.Attribute("class") == "taylor-area");
            double decadesPerPixelX = (Number(area, "data-log-step-max") - Number(area, "data-log-step-min")) / Number(area, "width");
            double decadesPerPixelY = (Number(area, "data-log-remainder-max") - Number(area, "data-log-remainder-min")) / Number(area, "height");
            var guides = panel.Elements(Svg + "line").Where(l => (string?)l.Attribute("class") == "taylor-guide").ToArray();

            guides.Select(g => g.Attribute("data-slope")!.Value).ShouldBe(["1", "2"]);
            foreach (var guide in guides)
            {
                double rise = (Number(guide, "y1") - Number(guide, "y2")) * decadesPerPixelY;
                double run = (Number(guide, "x2") - Number(guide, "x1")) * decadesPerPixelX;
                (rise / run).ShouldBe(double.Parse(guide.Attribute("data-slope")!.Value, CultureInfo.InvariantCulture), 0.01);
            }
        }
    }

    [Fact]
    public void Json_carries_every_taylor_test_with_its_remainders()
    {
        var report = Build("float softmax off by 0.3%");
        using var json = JsonDocument.Parse(report.ToJson());

        var row = report.Tensors.Single();
        var tests = json.RootElement.GetProperty("tensors")[0].GetProperty("taylorTests").EnumerateArray().ToArray();
        tests.Length.ShouldBe(row.TaylorTests.Count);
        for (int i = 0; i < tests.Length; i++)
        {
            tests[i].GetProperty("along").GetString().ShouldBe(row.TaylorTests[i].Along);
            tests[i].GetProperty("verdict").GetString().ShouldBe(row.TaylorTests[i].Verdict.ToString());
            tests[i].GetProperty("overturned").GetBoolean().ShouldBe(row.TaylorTests[i].Overturned);
            tests[i].GetProperty("remainders").EnumerateArray().Select(e => e.GetDouble()).ShouldBe(row.TaylorTests[i].Remainders);
        }

        tests.Count(t => t.GetProperty("wholeTensor").GetBoolean()).ShouldBe(row.Taylor is null ? 0 : 1);
    }

    private static GradientReport Build(string name) => name switch
    {
        "course network with two bugs" => GradCheck.Layer(CourseNetwork.Load().Layered(withBugs: true), CourseNetwork.Load().Input()),
        "float tanh in Taylor mode" => GradCheck.Layer(new Zoo.Tanh<float>(), new GradientCase(2).Normal<float>(3, 4), new GradCheckOptions { Mode = CheckMode.Taylor }),
        _ => GradCheck.Layer(new Zoo.ScaledGradient<float>(new Zoo.Softmax<float>(), "input", 1.003), new GradientCase(5).Normal<float>(3, 5)),
    };

    private static XElement[] Panels(GradientReport report) =>
        XDocument.Parse(report.ToSvg()).Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "taylor-plot").ToArray();

    private static TensorCheck Row(GradientReport report, XElement panel) => report.Tensors.Single(t =>
        t.Layer == panel.Attribute("data-layer")!.Value && t.Tensor == panel.Attribute("data-tensor")!.Value && t.Scope.ToString() == panel.Attribute("data-scope")!.Value);

    /// <summary>The order cell of every row of the text report's tables, by (scope, layer, tensor).</summary>
    private static Dictionary<(CheckScope, string, string), string> TextOrders(string text)
    {
        var orders = new Dictionary<(CheckScope, string, string), string>();
        var scope = CheckScope.EndToEnd;
        int end = -1;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith("Layer by layer", StringComparison.Ordinal))
            {
                scope = CheckScope.Local;
            }

            if (line.StartsWith("  layer ", StringComparison.Ordinal))
            {
                end = line.IndexOf("  order", StringComparison.Ordinal) + "  order".Length;
                continue;
            }

            if (end > 0 && line.StartsWith("  ", StringComparison.Ordinal) && line.Length > end && !line.StartsWith("   ", StringComparison.Ordinal))
            {
                var cells = line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                orders[(scope, cells[0], cells[1])] = line[..end].Split("  ", StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
            }
            else if (line.Length == 0)
            {
                end = -1;
            }
        }

        return orders;
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
