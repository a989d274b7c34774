using System.Globalization;

namespace GradAssert.Reporting;

/// <summary>
/// The words of the Taylor tests in the text and Markdown reports: the order cell of a row, the lines naming every
/// element and tensor that got the test (and what it changed), and a row's blame when only its Taylor test failed it.
/// </summary>
internal static class TaylorWords
{
    /// <summary>At most this many elements are named per row; the rest are counted.</summary>
    private const int Named = 6;

    /// <summary>The label the engine gives a failing tensor's test along its error, g − n.</summary>
    private const string AlongError = "its error g - n";

    /// <summary>
    /// What the order cells and lines mean, in one short line, or null when no order is shown: the cells' special words
    /// (<c>floor</c>, <c>(±h)</c>) are explained only when one of them is shown.
    /// </summary>
    public static string? Legend(GradientReport report)
    {
        var shown = report.Tensors.Select(t => t.Taylor).OfType<TaylorResult>()
            .Concat(report.Tensors.SelectMany(t => t.TaylorTests)).Select(t => t.OrderText).ToArray();
        if (shown.Length == 0)
        {
            return null;
        }

        string legend = "order: how fast the Taylor remainder J(x+hv) - J(x) - h<g,v> falls as h halves, 2 right, 1 wrong";
        if (shown.Any(o => o.Contains("(±h)", StringComparison.Ordinal)))
        {
            legend += "; (±h): with the curvature cancelled by the +h and -h samples";
        }

        if (shown.Contains("floor"))
        {
            legend += "; floor: J is linear along v, to rounding";
        }

        return legend;
    }

    /// <summary>The header of the lines naming every element and tensor whose verdict a Taylor test gave or changed, with the legend.</summary>
    public static string Heading(GradientReport report) => $"Taylor tests ({Legend(report)}):";

    /// <summary>Whether any row got a Taylor test: then the tables show the order column and the section.</summary>
    public static bool Any(GradientReport report) => report.Tensors.Any(t => t.TaylorTests.Count > 0);

    /// <summary>A row's order cell: its whole-tensor test's order, or <c>-</c>.</summary>
    public static string OrderCell(TensorCheck row) => row.Taylor?.OrderText ?? "-";

    /// <summary>
    /// The section's lines: per row, the elements (or directions) that got a second opinion, and the tests of the whole
    /// tensor of a failing row (a passing row's shows in the order column alone).
    /// </summary>
    public static IEnumerable<string> Lines(GradientReport report)
    {
        foreach (var row in report.Tensors.Where(t => t.TaylorTests.Count > 0))
        {
            string where = report.Layered ? (row.Scope == CheckScope.EndToEnd ? " (end to end)" : " (layer by layer)") : string.Empty;
            string name = $"{DisplayText.Safe(row.Layer)}.{DisplayText.Safe(row.Tensor)}{where}";
            var opinions = row.TaylorTests.Where(t => t.SecondOpinion).ToArray();
            if (opinions.Length > 0)
            {
                string unit = row.Directions > 0 ? "direction" : "element";
                int total = row.SecondOpinions;
                yield return $"{name}: second opinion for {Count(total, unit)} near {(total == 1 ? "its" : "their")} tolerance: {Opinions(opinions, total, row.SecondOpinionsChanged)}";
            }

            foreach (var test in row.TaylorTests.Where(t => !t.SecondOpinion && !row.Passed))
            {
                bool flip = Flipped(row, test);
                string along = flip ? test.Along[..^AlongError.Length] + "its error n - g" : test.Along;
                yield return $"{DisplayText.Safe(row.Layer)}.{DisplayText.Safe(along)}{where}: order {test.OrderText}, {test.VerdictText}{Figures(test, flip)}{Consequence(row, test)}";
            }
        }
    }

    /// <summary>A row that fails only by its Taylor test, in the blame's words.</summary>
    public static string Blame(TensorCheck row)
    {
        var test = row.TaylorTests.First(t => !t.SecondOpinion && t.Verdict == TaylorVerdict.FirstOrder);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{DisplayText.Safe(test.Along)}: the Taylor remainder falls as h (order {test.OrderText}), so the gradient is off along it{Figures(test, flip: false)}");
    }

    /// <summary>
    /// The second opinions of a row: those that changed the verdict first, then the rest, at most <see cref="Named"/>;
    /// <paramref name="total"/> and <paramref name="changed"/> count those the row did not keep too.
    /// </summary>
    private static string Opinions(TaylorResult[] opinions, int total, int changed)
    {
        var ordered = opinions.OrderByDescending(t => t.Overturned).ToArray();
        var named = ordered.Take(Named).Select(t =>
        {
            string outcome = t.Overturned
                ? (t.Verdict == TaylorVerdict.FirstOrder ? "now WRONG" : "now passes")
                : "kept";
            return string.Create(CultureInfo.InvariantCulture, $"{DisplayText.Safe(t.Along)} (err/tol {ResultWords.Ratio(t.FirstErrorToTolerance)}) order {t.OrderText}, {outcome}");
        });
        string more = total > Named ? $"; and {total - Named} more ({changed - ordered.Take(Named).Count(t => t.Overturned)} changed)" : string.Empty;
        return string.Join("; ", named) + more;
    }

    /// <summary>
    /// Whether a failing row's test along its error is told along n − g instead: the engine's direction g − n is scaled
    /// to 1 at its largest element, so with the sign of the worst element's g − n the figures read as the blame line's
    /// (the same element's values when the row has one element, the same sign and units when it has more).
    /// </summary>
    private static bool Flipped(TensorCheck row, TaylorResult test) =>
        test.Along.EndsWith(AlongError, StringComparison.Ordinal) && row.WorstIndex.Count > 0 && row.AnalyticAtWorst < row.NumericalAtWorst;

    /// <summary>For a first-order verdict, how far the derivative along the direction is off (along −v when <paramref name="flip"/>).</summary>
    private static string Figures(TaylorResult test, bool flip)
    {
        if (test.Verdict != TaylorVerdict.FirstOrder || double.IsNaN(test.Analytic))
        {
            return string.Empty;
        }

        double sign = flip ? -1 : 1;
        double analytic = sign * test.Analytic;
        double numerical = sign * (test.Analytic + test.DerivativeError);
        string ratio = numerical != 0 ? $", {ReportTable.Multiple(analytic / numerical)}×" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $" (analytic {ReportTable.Num(analytic)} but the remainders give {ReportTable.Num(numerical)}{ratio})");
    }

    /// <summary>What the whole-tensor test did to the row.</summary>
    private static string Consequence(TensorCheck row, TaylorResult test) =>
        test.Verdict == TaylorVerdict.FirstOrder && row.TaylorFailed ? "; the tensor fails" : string.Empty;

    private static string Count(int n, string word) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? word : word + "s")}");
}
