using System.Globalization;
using System.Text;
using GradAssert.Tensors;

namespace GradAssert.Reporting;

/// <summary>Renders a <see cref="GradientReport"/> as the per-layer table a failing test prints.</summary>
internal static class ReportTable
{
    /// <param name="includeReplay">False inside a <c>[GradientCheck]</c> message, which prints its own replay lines.</param>
    public static string Render(GradientReport report, bool includeReplay = true)
    {
        var text = new StringBuilder();
        var options = report.Options;
        string outcome = report.Passed ? "passed" : "FAILED";
        text.Append(CultureInfo.InvariantCulture, $"Gradient check {outcome}: {report.Model} ({report.Precision}), seed {report.Seed}\n");
        var endToEndRows = report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd).ToArray();
        int elements = endToEndRows.Where(t => t.Directions == 0).Sum(t => t.Checked);
        int directions = endToEndRows.Sum(t => t.Directions);
        string over = directions == 0 ? $"{elements} {Plural(elements, "element")}"
            : elements == 0 ? $"{directions} random {Plural(directions, "direction")}"
            : $"{elements} {Plural(elements, "element")} and {directions} random {Plural(directions, "direction")}";
        text.Append(CultureInfo.InvariantCulture, $"Normalized difference {Sci(report.Difference)} ({Band(report.Verdict)}) over {over} end to end");
        if (report.Kinks > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {report.Kinks} {Plural(report.Kinks, "element")} at kinks skipped");
        }

        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Tolerance: {options.Tolerance}; step {options.Step.Describe(options.Scheme)}; {Scheme(options.Scheme)}\n");

        var local = report.Tensors.Where(t => t.Scope == CheckScope.Local).ToArray();
        text.Append('\n');
        text.Append(report.Layered ? "End to end (the gradient of the whole model):\n" : "Tensors:\n");
        Rows(endToEndRows).WriteTo(text, "  ");
        if (local.Length > 0)
        {
            text.Append("\nLayer by layer (each layer alone, on the activation it received):\n");
            Rows(local).WriteTo(text, "  ");
        }

        text.Append('\n');
        Blame(report, local.Length > 0 ? local : endToEndRows, text);
        foreach (string warning in report.Warnings)
        {
            text.Append("Warning: ").Append(warning).Append(".\n");
        }

        if (!report.Passed && includeReplay)
        {
            text.Append(CultureInfo.InvariantCulture, $"Replay: pass {options.ReplayText} to the check.\n");
        }

        return text.ToString();
    }

    private static void Blame(GradientReport report, IReadOnlyList<TensorCheck> judged, StringBuilder text)
    {
        if (report.Blamed.Count > 0)
        {
            text.Append(report.Blamed.Count == 1 ? "Blame: this layer's own backward is wrong:\n" : "Blame: these layers' own backward passes are wrong:\n");
            foreach (string layer in report.Blamed)
            {
                var wrong = judged.Where(t => t.Layer == layer && t.Failed > 0).ToArray();
                string head = $"  {layer}: ";
                for (int i = 0; i < wrong.Length; i++)
                {
                    text.Append(i == 0 ? head : new string(' ', head.Length)).Append(Describe(wrong[i])).Append('\n');
                }
            }

            if (report.Layered && report.Blamed.Count < report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd && !t.Passed).Select(t => t.Layer).Distinct().Count())
            {
                text.Append("  End-to-end rows of other layers fail only because these errors flow into their gradients.\n");
            }
        }
        else if (report.Tensors.Any(t => !t.Passed) && !report.LayersAlone)
        {
            text.Append("Blame: not assessed; the layers were not checked on their own (CheckLayers = false). Check with CheckLayers = true to find the layer whose backward is wrong.\n");
        }
        else if (report.Tensors.Any(t => !t.Passed))
        {
            text.Append("Blame: no layer fails on its own, yet the end-to-end gradient is wrong; look at how the layers are composed, or at state shared between them.\n");
        }
        else
        {
            text.Append("Blame: none; every backward pass agrees with finite differences.\n");
        }
    }

    private static string Describe(TensorCheck t)
    {
        string text = string.Create(
            CultureInfo.InvariantCulture,
            $"{t.Tensor}{Index(t.WorstIndex)} is {Num(t.AnalyticAtWorst)} but finite differences give {Num(t.NumericalAtWorst)} ({t.Failed} of {t.Checked} elements off");
        double ratio = t.ConsistentRatio;
        if (!double.IsNaN(ratio))
        {
            text += Math.Abs(ratio) < 5e-4 ? "; each wrong one is 0: a gradient is missing"
                : Math.Abs(ratio + 1) < 5e-4 ? "; each wrong one has the wrong sign"
                : string.Create(CultureInfo.InvariantCulture, $"; each wrong one is {ratio:0.###}× its numerical value");
        }

        return text + ")";
    }

    private static TextTable Rows(IEnumerable<TensorCheck> rows)
    {
        var table = new TextTable("layer", "tensor", "shape", "checked", "difference", "band", "max |g-n|", "worst at", "analytic", "numerical", "result")
            .AlignRight(3, 4, 6, 8, 9);
        foreach (var t in rows)
        {
            string result = t.Passed ? (t.MostlyKinks ? "ok, kinks" : "ok") : "WRONG";
            string count = t.Directions > 0 ? $"{t.Directions} dir"
                : t.Kinks > 0 ? $"{t.Checked}+{t.Kinks}k" : t.Checked.ToString(CultureInfo.InvariantCulture);
            if (t.Sampled)
            {
                count += string.Create(CultureInfo.InvariantCulture, $" of {t.Shape.Aggregate(1, (a, b) => a * b)}");
            }
            table.Add(t.Layer, t.Tensor, ShapeMath.Format(t.Shape), count, Sci(t.Difference), Band(t.Verdict), Sci(t.MaxAbsError),
                Index(t.WorstIndex), Num(t.AnalyticAtWorst), Num(t.NumericalAtWorst), result);
        }

        return table;
    }

    private static string Band(Verdict verdict) => verdict switch
    {
        Verdict.Great => "great",
        Verdict.Careful => "careful",
        Verdict.Worried => "worried",
        _ => "wrong",
    };

    private static string Scheme(DifferenceScheme scheme) =>
        scheme == DifferenceScheme.FourPoint ? "four-point differences" : "central differences";

    private static string Index(IReadOnlyList<int> index) => index.Count == 0 ? "-" : ShapeMath.Format(index);

    internal static string Sci(double value) => double.IsNaN(value) ? "NaN" : value.ToString("0.00e+00", CultureInfo.InvariantCulture);

    internal static string Num(double value) => double.IsNaN(value) ? "NaN" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
