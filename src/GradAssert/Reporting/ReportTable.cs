using System.Globalization;
using System.Text;
using GradAssert.Tensors;

namespace GradAssert.Reporting;

/// <summary>Renders a <see cref="GradientReport"/> as the per-layer table a failing test prints.</summary>
internal static class ReportTable
{
    /// <param name="includeReplay">False inside a <c>[GradientCheck]</c> message, which prints its own replay lines.</param>
    /// <param name="includeBlame">False inside a <c>[GradientCheck]</c> message, which leads with the blame itself (<see cref="Conclusion"/>).</param>
    /// <remarks>
    /// A failure's conclusion comes first, under the outcome line: the blame and what the check could not earn, as test
    /// explorers and CI logs show the top of a message first. The figures and the table follow for detail, then what
    /// qualifies them (shared storage, unverifiable elements, the Taylor tests, warnings). A pass says "Blame: none"
    /// under its table.
    /// </remarks>
    public static string Render(GradientReport report, bool includeReplay = true, bool includeBlame = true)
    {
        var text = new StringBuilder();
        var options = report.Options;
        text.Append(CultureInfo.InvariantCulture, $"Gradient check {ResultWords.Outcome(report)}: {DisplayText.Safe(report.Model)} ({report.Precision}), seed {report.Seed}\n");
        bool leads = includeBlame && !report.Passed;
        if (leads)
        {
            text.Append(Conclusion(report));
        }

        var endToEndRows = report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd).ToArray();
        int elements = endToEndRows.Where(t => t.Directions == 0).Sum(t => t.Checked);
        int directions = endToEndRows.Sum(t => t.Directions);
        string over = directions == 0 ? $"{elements} {Plural(elements, "element")}"
            : elements == 0 ? $"{directions} random {Plural(directions, "direction")}"
            : $"{elements} {Plural(elements, "element")} and {directions} random {Plural(directions, "direction")}";
        string band = ResultWords.OverallBand(report) is { } word ? $" ({word})" : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"Normalized difference {Sci(report.Difference)}{band} over {over} end to end");
        if (ResultWords.AboveTheLine(report) is { } above)
        {
            text.Append(", ").Append(above);
        }

        if (report.Kinks > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; {report.Kinks} {Plural(report.Kinks, "element")} at kinks skipped");
        }

        text.Append('\n');
        if (ResultWords.Why(report) is { } why)
        {
            text.Append(why).Append('\n');
        }

        // Where the exact reference judged every row, differences ran only where it disagreed: it is the tolerance.
        string exact = report.Tensors.Count > 0 && ResultWords.AllExact(report.Tensors)
            ? "exact derivatives (dual numbers), within the rounding of the two computations; where they disagree, " : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"Tolerance: {exact}{options.Tolerance}; step {options.Step.Describe(options.Scheme)}; {Scheme(options.Scheme)}\n");
        if (ResultWords.Detects(report) is { } detects)
        {
            text.Append(detects).Append('\n');
        }

        if (ResultWords.References(report) is { } references)
        {
            text.Append(references).Append('\n');
        }

        if (ResultWords.SettingsFrom(options) is { } from)
        {
            text.Append("Settings from ").Append(from).Append('\n');
        }

        foreach (var applied in ResultWords.AppliedOverrides(report))
        {
            text.Append("Override: ").Append(DisplayText.Safe(applied.ToString())).Append('\n');
        }
        if (report.Outputs.Count > 0)
        {
            text.Append("Outputs: ").AppendJoin(", ", report.Outputs.Select(DisplayText.Safe)).Append('\n');
        }

        if (report.Constants.Count > 0)
        {
            text.Append("Constant inputs (never perturbed, not compared): ").AppendJoin(", ", report.Constants.Select(DisplayText.Safe)).Append('\n');
        }

        var local = report.Tensors.Where(t => t.Scope == CheckScope.Local).ToArray();
        text.Append('\n');
        text.Append(report.Layered ? "End to end (the gradient of the whole model):\n" : "Tensors:\n");
        Rows(report, endToEndRows).WriteTo(text, "  ");
        if (local.Length > 0)
        {
            text.Append("\nLayer by layer (each layer alone, on the activation it received):\n");
            Rows(report, local).WriteTo(text, "  ");
        }

        var detail = new StringBuilder();
        if (includeBlame && !leads)
        {
            detail.Append(Conclusion(report));
        }

        Shared(report, detail);
        Unverifiable(report, detail);
        Taylor(report, detail);
        foreach (string warning in report.Warnings)
        {
            detail.Append("Warning: ").Append(warning).Append(".\n");
        }

        if (!report.Passed && includeReplay)
        {
            detail.Append(CultureInfo.InvariantCulture, $"Replay: pass {options.ReplayText} to the check.\n");
        }

        if (detail.Length > 0)
        {
            text.Append('\n').Append(detail);
        }

        return text.ToString();
    }

    /// <summary>
    /// What the check concludes, as the first lines under a report's outcome (or under a <c>[GradientCheck]</c>
    /// failure's headline): the blame, each blamed tensor with its worst element, and what the check could not earn.
    /// </summary>
    public static string Conclusion(GradientReport report)
    {
        var text = new StringBuilder();
        var local = report.Tensors.Where(t => t.Scope == CheckScope.Local).ToArray();
        Blame(report, local.Length > 0 ? local : report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd).ToArray(), text);
        Problems(report, text);
        return text.ToString();
    }

    private static void Blame(GradientReport report, IReadOnlyList<TensorCheck> judged, StringBuilder text)
    {
        if (report.Blamed.Count > 0)
        {
            text.Append(report.Blamed.Count == 1 ? "Blame: this layer's own backward is wrong:\n" : "Blame: these layers' own backward passes are wrong:\n");
            foreach (string layer in report.Blamed)
            {
                var wrong = judged.Where(t => t.Layer == layer && t.ProvenWrong).ToArray();
                if (wrong.Length == 0)
                {
                    wrong = report.Tensors.Where(t => t.Layer == layer && t.ProvenWrong).ToArray();
                }

                string glue = report.BlamedComposites.Contains(layer) ? " (its own code, between its sub-layers: each of them passes alone)" : string.Empty;
                string head = $"  {DisplayText.Safe(layer)}{glue}: ";
                for (int i = 0; i < wrong.Length; i++)
                {
                    text.Append(i == 0 ? head : new string(' ', DisplayText.Width(head))).Append(Describe(wrong[i], report)).Append('\n');
                }
            }

            if (report.Layered && report.Blamed.Count < report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd && !t.Passed).Select(t => t.Layer).Distinct().Count())
            {
                text.Append("  End-to-end rows of other layers fail only because these errors flow into their gradients.\n");
            }
        }
        else if (report.Tensors.Any(t => !t.Passed) && report.Tensors.Where(t => !t.Passed).All(t => t.Failed == 0 && t.Unverifiable > 0))
        {
            text.Append("Blame: none proven; no element disagrees beyond doubt, but some could not be verified (below).\n");
        }
        else if (report.Tensors.Any(t => !t.Passed) && !report.LayersAlone)
        {
            text.Append("Blame: not assessed; the layers were not checked on their own (CheckLayers = false). Check with CheckLayers = true to find the layer whose backward is wrong.\n");
        }
        else if (report.Tensors.Where(t => !t.Passed).ToArray() is { Length: > 0 } failing && failing.All(t => t.SharedWith.Count > 0))
        {
            foreach (var t in failing)
            {
                string users = string.Join(" and ", t.SharedWith.Prepend(t.Layer).Select(DisplayText.Safe));
                double ratio = t.ConsistentRatio;
                string scale = double.IsNaN(ratio) ? "disagree with" : $"are {Multiple(ratio)}× ";
                string hint = double.IsNaN(ratio) ? string.Empty
                    : ratio > 1 ? ": more than one layer puts the whole gradient into its buffer (a double update?)"
                    : ": only part of it reaches the buffers (does each layer add its own part?)";
                text.Append(CultureInfo.InvariantCulture,
                    $"Blame: no layer fails on its own, but the gradients of {DisplayText.Safe(t.Tensor)} summed over {users} {scale}the numerical gradient of the shared storage{hint}.\n");
            }
        }
        else if (report.Tensors.Any(t => !t.Passed))
        {
            text.Append("Blame: no layer fails on its own, yet the end-to-end gradient is wrong; look at how the layers are composed, or at state shared between them.\n");
        }
        else if (report.Unverified.Count > 0)
        {
            text.Append($"Blame: none proven; every row agrees with {ResultWords.ComparedWith(report.Tensors)}, but some verified nothing (below).\n");
        }
        else
        {
            text.Append(report.Sampled
                ? $"Blame: none; every backward pass agrees with {ResultWords.ComparedWith(report.Tensors)} on the elements checked.\n"
                : $"Blame: none; every backward pass agrees with {ResultWords.ComparedWith(report.Tensors)}.\n");
        }
    }

    /// <summary>Tensors whose storage several layers read: what was compared for them.</summary>
    private static void Shared(GradientReport report, StringBuilder text)
    {
        foreach (var t in report.Tensors.Where(t => t.SharedWith.Count > 0))
        {
            string users = string.Join(", ", t.SharedWith.Prepend(t.Layer).SkipLast(1).Select(DisplayText.Safe)) + " and " + DisplayText.Safe(t.SharedWith[^1]);
            string how = t.SharedAsOneParameter ? "one Parameter" : "two parameters over one array";
            text.Append(CultureInfo.InvariantCulture,
                $"Shared: {DisplayText.Safe(t.Tensor)} is shared by {users} ({how}); their gradients are summed and compared with the numerical gradient of the shared storage.\n");
        }
    }

    /// <summary>The rows with unverifiable elements, and what a user can do about them.</summary>
    private static void Unverifiable(GradientReport report, StringBuilder text)
    {
        var rows = report.Tensors.Where(t => t.Unverifiable > 0).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        text.Append("Unverifiable: these elements' finite-difference estimates (at h, 2h and 4h, and closer in) disagree with each other by more than rounding or truncation explains, so they can be neither confirmed nor refuted:\n");
        foreach (var t in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  {DisplayText.Safe(t.Layer)}.{DisplayText.Safe(t.Tensor)}: {t.Unverifiable} of {t.Checked} elements (worst at {DisplayText.Safe(t.Tensor)}{Index(t.WorstIndex)}: analytic {Num(t.AnalyticAtWorst)}, finite differences {Num(t.NumericalAtWorst)})\n");
        }

        text.Append("  The function is not smooth at the step's scale there: move the inputs away from where it jumps or saturates, or use a smaller step.\n");
    }

    /// <summary>Every element and tensor that got a Taylor test, with its order and what it changed.</summary>
    private static void Taylor(GradientReport report, StringBuilder text)
    {
        if (!TaylorWords.Any(report))
        {
            return;
        }

        var lines = TaylorWords.Lines(report).ToArray();
        if (lines.Length > 0)
        {
            text.Append(TaylorWords.Heading(report)).Append('\n');
            foreach (string line in lines)
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }
        else if (TaylorWords.Legend(report) is { } legend)
        {
            text.Append(legend).Append(".\n");
        }
    }

    private static void Problems(GradientReport report, StringBuilder text)
    {
        foreach (string problem in report.Problems)
        {
            text.Append("Not earned: ").Append(DisplayText.Safe(problem)).Append(".\n");
        }
    }

    /// <summary>
    /// The most common loss bug and convention mismatch, in words, when the evidence showed it: the row's layer is the
    /// loss, the factor is its batch size (or element count), and every element agrees once the factor is taken out.
    /// </summary>
    private static string? BatchMean(TensorCheck t, GradientReport report) =>
        report.Causes.FirstOrDefault(c => ReferenceEquals(c.Row, t)) is not { } cause ? null
            : cause.LossAverages
                ? string.Create(CultureInfo.InvariantCulture, $"; each is {cause.Count}× its numerical value, and divided by {cause.Count} every element agrees: the loss averages over {cause.Over}, its gradient does not")
                : string.Create(CultureInfo.InvariantCulture, $"; each is 1/{cause.Count} of its numerical value, and multiplied by {cause.Count} every element agrees: the gradient averages over {cause.Over}, the loss does not (it sums)");

    private static string Describe(TensorCheck t, GradientReport report)
    {
        if (t.Failed == 0 && t.TaylorFailed)
        {
            return TaylorWords.Blame(t);
        }

        if (t.Failed == 0 && t.ExactAlongItself is { Agrees: false } along)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{DisplayText.Safe(t.Tensor)} along its exact gradient is {Num(along.Analytic)} but its exact derivative along it is {Num(along.Exact)} ({Multiple(along.Analytic / along.Exact)}×): each element is within its own rounding, but together they are {Sci(Math.Abs((along.Analytic / along.Exact) - 1))} off, where the rounding of the two computations allows {Sci(along.Detects)}: a common factor or an error shared by many elements");
        }

        string text = string.Create(
            CultureInfo.InvariantCulture,
            $"{DisplayText.Safe(t.Tensor)}{Index(t.WorstIndex)} is {Num(t.AnalyticAtWorst)} but {(t.Reference.StartsWith("exact", StringComparison.Ordinal) ? "its exact derivative is" : "finite differences give")} {Exact(t.AnalyticAtWorst, t.NumericalAtWorst, t.Reference)} ({t.Failed} of {t.Checked} elements off");
        double ratio = t.ConsistentRatio;
        if (t.Ties?.FirstRefuted is { } tie)
        {
            text += string.Create(
                CultureInfo.InvariantCulture,
                $"; {DisplayText.Safe(tie.Describe(t.Tensor, t.Shape))}, tied at {Num(tie.Value)}, have gradients summing to {Num(tie.Sum)}, but moving them together gives {Num(tie.Together)}: a tie's gradient goes to one of them, or is shared, not given to each");
        }
        else if (BatchMean(t, report) is { } cause)
        {
            text += cause;
        }
        else if (!double.IsNaN(ratio))
        {
            text += Math.Abs(ratio) < 5e-4 ? "; each wrong one is 0: a gradient is missing"
                : Math.Abs(ratio + 1) < 5e-4 ? "; each wrong one has the wrong sign"
                : $"; each wrong one is {Multiple(ratio)}× its numerical value";
        }

        return text + ")";
    }

    private static TextTable Rows(GradientReport report, IEnumerable<TensorCheck> rows)
    {
        // The course's band only where it means something; err/tol, what the result follows from, on every row.
        // The Taylor test's order where any row got one.
        bool bands = report.BandsApply;
        bool orders = TaylorWords.Any(report);
        string[] headers = ["layer", "tensor", "shape", "checked", "difference", .. bands ? ["band"] : Array.Empty<string>(), "err/tol", "max |g-n|", "worst at", "analytic", "numerical", .. orders ? ["order"] : Array.Empty<string>(), "result"];
        int shift = bands ? 1 : 0;
        var table = new TextTable(headers).AlignRight([3, 4, 5 + shift, 6 + shift, 8 + shift, 9 + shift, .. orders ? [10 + shift] : Array.Empty<int>()]);
        foreach (var t in rows)
        {
            string[] before = [t.Layer, t.Tensor, ShapeMath.Format(t.Shape), ResultWords.Checked(t), Sci(t.Difference)];
            string[] after = [ResultWords.Ratio(t.ErrorToTolerance), Sci(t.MaxAbsError), Index(t.WorstIndex), Num(t.AnalyticAtWorst), Num(t.NumericalAtWorst)];
            string[] order = orders ? [TaylorWords.OrderCell(t)] : [];
            table.Add([.. before, .. bands ? [ResultWords.Band(t)] : Array.Empty<string>(), .. after, .. order, ResultWords.Result(t, report)]);
        }

        return table;
    }

    /// <summary>A consistent ratio with the decimals that tell it from 1 (1.00001×, not 1×); three at least.</summary>
    internal static string Multiple(double ratio)
    {
        double off = Math.Abs(ratio - 1);
        int decimals = off == 0 ? 3 : Math.Clamp((int)Math.Ceiling(-Math.Log10(off)) + 1, 3, 7);
        return Math.Round(ratio, decimals).ToString("0.#######", CultureInfo.InvariantCulture);
    }

    private static string Scheme(DifferenceScheme scheme) =>
        scheme == DifferenceScheme.FourPoint ? "four-point differences" : "central differences";

    private static string Index(IReadOnlyList<int> index) => index.Count == 0 ? "-" : ShapeMath.Format(index);

    internal static string Sci(double value) => double.IsNaN(value) ? "NaN" : value.ToString("0.00e+00", CultureInfo.InvariantCulture);

    /// <summary>The reference's value: to 6 digits, or to 17 beside the backward's where the exact reference judged (it catches what 6 digits hide).</summary>
    private static string Exact(double analytic, double reference, string judgedBy) =>
        judgedBy.StartsWith("exact", StringComparison.Ordinal) && Num(analytic) == Num(reference)
            ? string.Create(CultureInfo.InvariantCulture, $"{reference:R} (the backward {analytic:R})")
            : Num(reference);

    internal static string Num(double value) => double.IsNaN(value) ? "NaN" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
