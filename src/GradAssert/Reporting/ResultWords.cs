using System.Globalization;
using GradAssert.Engine.Judging;
using GradAssert.Engine.Running;

namespace GradAssert.Reporting;

/// <summary>
/// The words every format uses for a report's outcome, a row's band and result, and why a header's figures look the
/// way they do, so that no format contradicts <see cref="GradientReport.Passed"/>: a passing row never reads "wrong",
/// a failing one says why, and a header whose normalized difference looks odd for its outcome explains it.
/// </summary>
internal static class ResultWords
{
    /// <summary>Whether the exact reference alone judged every row (<c>exact (dual numbers)</c>).</summary>
    public static bool AllExact(IReadOnlyCollection<TensorCheck> rows) => rows.All(t => t.Reference.StartsWith("exact (", StringComparison.Ordinal));

    /// <summary>What the backward passes of <paramref name="rows"/> were compared with: finite differences, unless the exact reference judged a row.</summary>
    public static string ComparedWith(IReadOnlyCollection<TensorCheck> rows) =>
        rows.All(t => !t.Reference.StartsWith("exact", StringComparison.Ordinal)) ? "finite differences"
        : AllExact(rows) ? "its exact derivatives"
        : rows.All(t => t.Reference.StartsWith("exact and", StringComparison.Ordinal)) ? "its exact derivatives and finite differences"
        : "its exact derivatives or finite differences, as the Reference line says";

    /// <summary>The outcome as the first line of each format puts it.</summary>
    public static string Outcome(GradientReport report) =>
        !report.Passed ? "FAILED" : report.Sampled ? "passed on a sample" : "passed";

    /// <summary>
    /// The band of the overall difference, in words, when the course's bands apply and the word does not contradict
    /// the outcome; null otherwise (a passing report in the "wrong" band gets <see cref="AboveTheLine"/> instead).
    /// </summary>
    public static string? OverallBand(GradientReport report) =>
        !report.BandsApply || (report.Passed && report.Verdict == Verdict.Wrong) ? null : Name(report.Verdict);

    /// <summary>For a passing report in the course's "wrong" band, where its difference lies; null otherwise.</summary>
    public static string? AboveTheLine(GradientReport report) =>
        report.BandsApply && report.Passed && report.Verdict == Verdict.Wrong
            ? string.Create(CultureInfo.InvariantCulture, $"above the course's {VerdictBands.Worried:0e0} line")
            : null;

    /// <summary>
    /// What a pass of this check is worth, from the allowances it used (<see cref="TensorCheck.DetectionThreshold"/>):
    /// the weakest row's threshold and the row, or null when no row has one.
    /// </summary>
    public static string? Detects(GradientReport report) =>
        report.Tensors.Where(t => !double.IsNaN(t.DetectionThreshold)).MaxBy(t => t.DetectionThreshold) is not { } weakest ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Detects: a gradient off by a factor beyond 1 ± {ReportTable.Sci(weakest.DetectionThreshold)} in every tensor checked (the least sensitive: {DisplayText.Safe(weakest.Layer)}.{DisplayText.Safe(weakest.Tensor)})");

    /// <summary>
    /// Which reference judged the rows, when the check asked for the exact one: <c>Reference: exact (dual numbers) for 9
    /// of 11 tensors; differences for `Dense#2`: its Forward leaves generic math (…)</c>, or where it judged none,
    /// <c>Reference: finite differences; the exact one does not apply to `Sigmoid`: Sigmoid is not generic (…)</c>. A
    /// model's end-to-end rows are said once, and layers that fall back for the same reason are named together. Null
    /// under <see cref="Reference.Differences"/>.
    /// </summary>
    public static string? References(GradientReport report)
    {
        if (report.Options.Reference == Reference.Differences || report.Tensors.Count == 0)
        {
            return null;
        }

        const string Fallback = "differences: ";
        int exact = report.Tensors.Count(t => t.Reference.StartsWith("exact", StringComparison.Ordinal));
        var fallbacks = report.Tensors.Where(t => t.Reference.StartsWith(Fallback, StringComparison.Ordinal)).ToArray();
        bool ModelRow(TensorCheck t) => t.Reference is Fallback + ExactReference.ModelRowsWhy or Fallback + ExactReference.ModelRowsAlongDirectionsWhy;
        var reasons = fallbacks.Where(t => !ModelRow(t))
            .GroupBy(t => (t.Layer, Why: t.Reference[Fallback.Length..]))
            .Select(g => (g.Key.Layer, g.Key.Why, Who: $"`{DisplayText.Safe(g.Key.Layer)}`{(g.Count() < report.Tensors.Count(t => !ModelRow(t) && t.Layer == g.Key.Layer) ? $" ({string.Join(", ", g.Select(t => DisplayText.Safe(t.Tensor)))})" : string.Empty)}"))
            // "Linear1 is not generic: …" and "Relu1 is not generic: …" are one reason told of two layers.
            .GroupBy(r => r.Why.StartsWith(r.Layer + " ", StringComparison.Ordinal) ? "each " + r.Why[(r.Layer.Length + 1)..] : r.Why)
            .Select(g => g.Count() == 1 ? $"{g.First().Who}: {DisplayText.Safe(g.First().Why)}" : $"{Prose.List(g.Select(r => r.Who).ToArray())}: {DisplayText.Safe(g.Key)}")
            .ToList();
        if (fallbacks.Any(ModelRow))
        {
            bool passedByDifferences = fallbacks.Where(ModelRow).All(t => t.Reference == Fallback + ExactReference.ModelRowsAlongDirectionsWhy);
            reasons.Insert(0, $"the end-to-end rows{(passedByDifferences ? " they passed" : string.Empty)} (the exact reference judges each layer alone)");
        }

        return exact == 0
            ? "Reference: finite differences" + (reasons.Count > 0 ? "; the exact one does not apply to " + string.Join("; to ", reasons) : string.Empty)
            : string.Create(CultureInfo.InvariantCulture, $"Reference: exact (dual numbers) for {exact} of {report.Tensors.Count} tensors") + string.Concat(reasons.Select(o => "; differences for " + o));
    }

    /// <summary>
    /// Where the settings not set in the check's code came from, as the header says it (<c>[GradientCheck]: tolerance,
    /// step; [assembly: GradientCheckDefaults]: mode</c>), or null when every setting came from code.
    /// </summary>
    public static string? SettingsFrom(GradCheckOptions options) =>
        !options.Sources.Any ? null
            : string.Join("; ", options.Sources.Named().GroupBy(s => s.Source).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.Setting).Order(StringComparer.Ordinal))}"));

    /// <summary>The overrides (<see cref="GradCheckOptions.Overrides"/>) that matched a tensor of the report, in order.</summary>
    public static IEnumerable<CheckOverride> AppliedOverrides(GradientReport report) =>
        report.Options.Overrides.Where(o => report.Tensors.Any(t => o.Matches(t.Layer, t.Tensor)));

    /// <summary>A row's band cell: the course's word, except "high" for a passing row in the "wrong" band.</summary>
    public static string Band(TensorCheck row) => row.Passed && row.Verdict == Verdict.Wrong ? "high" : Name(row.Verdict);

    /// <summary>
    /// What a row compared: <c>20</c> elements, <c>20+2k</c> with 2 more left out at kinks, <c>10000 of 65536</c> for a
    /// sample, or <c>3 dir</c> random directions.
    /// </summary>
    public static string Checked(TensorCheck row)
    {
        if (row.Directions > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{row.Directions} dir");
        }

        string count = row.Kinks > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{row.Checked}+{row.Kinks}k")
            : row.Checked.ToString(CultureInfo.InvariantCulture);
        return row.Sampled ? string.Create(CultureInfo.InvariantCulture, $"{count} of {row.Elements}") : count;
    }

    /// <summary>A row's result in a report: <c>NOTHING VERIFIED</c> for a row whose tensor moves no output, <c>did not run</c> for a sub-layer that made no call, else <see cref="Result(TensorCheck, Tolerance)"/>.</summary>
    public static string Result(TensorCheck row, GradientReport report) =>
        report.Unverified.Contains(row) ? "NOTHING VERIFIED" : report.Idle.Contains(row) ? "did not run" : Result(row, report.Options.Tolerance);

    /// <summary>A row's result in words: <c>ok</c>, <c>ok, kinks</c>, <c>WRONG:</c> and why, or <c>UNVERIFIABLE:</c> and how many.</summary>
    public static string Result(TensorCheck row, Tolerance tolerance)
    {
        tolerance = row.JudgedBy ?? tolerance;
        if (row.Passed)
        {
            return row.MostlyKinks ? "ok, kinks" : "ok";
        }

        if (double.IsNaN(row.Difference))
        {
            return "WRONG: NaN";
        }

        if (tolerance.WholeTensorFailure is { } whole)
        {
            return whole;
        }

        if (row.Failed == 0 && row.TaylorFailed)
        {
            return $"WRONG: Taylor order {row.TaylorTests.First(t => !t.SecondOpinion && t.Verdict == TaylorVerdict.FirstOrder).OrderText}";
        }

        string unit = row.Directions > 0 ? " dir" : string.Empty;
        return (row.Failed, row.Unverifiable) switch
        {
            ( > 0, > 0) => string.Create(CultureInfo.InvariantCulture, $"WRONG: {row.Failed} of {row.Checked}{unit} off, {row.Unverifiable} unverifiable"),
            ( > 0, _) => string.Create(CultureInfo.InvariantCulture, $"WRONG: {row.Failed} of {row.Checked}{unit} off"),
            (_, > 0) => string.Create(CultureInfo.InvariantCulture, $"UNVERIFIABLE: {row.Unverifiable} of {row.Checked}{unit}"),
            _ => "WRONG",
        };
    }

    /// <summary>An error-to-tolerance figure: 3 significant digits, and never a failing value that reads as 1.</summary>
    public static string Ratio(double ratio)
    {
        if (double.IsNaN(ratio))
        {
            return "NaN";
        }

        if (ratio >= 1e300)
        {
            return "inf";
        }

        string text = ratio == 0 ? "0"
            : ratio < 1e-3 || ratio >= 1e5 ? ratio.ToString("0.0e+00", CultureInfo.InvariantCulture)
            : ratio < 100 ? ratio.ToString("G3", CultureInfo.InvariantCulture)
            : ratio.ToString("0", CultureInfo.InvariantCulture);
        if (ratio > 1 && double.Parse(text, CultureInfo.InvariantCulture) <= 1)
        {
            text = ratio.ToString("G6", CultureInfo.InvariantCulture);
            return double.Parse(text, CultureInfo.InvariantCulture) <= 1 ? ">1" : text;
        }

        return text;
    }

    /// <summary>
    /// One sentence when the header's figures could be read against the outcome, saying why the check came out as it
    /// did: a pass whose difference is worried or worse (or a row that reads "high"), or a failure whose difference
    /// is not in the course's bug range. Null when the figures speak for themselves.
    /// </summary>
    public static string? Why(GradientReport report)
    {
        var tolerance = report.Options.Tolerance;
        string ratio = Ratio(report.ErrorToTolerance);
        if (report.Passed)
        {
            bool odd = report.Verdict >= Verdict.Worried || report.Tensors.Any(t => t.Verdict == Verdict.Wrong);
            if (!odd)
            {
                return null;
            }

            string within = tolerance.PassedWithin(ratio);
            string because = !report.BandsApply
                ? $"; in {report.Precision}, rounding alone puts a correct gradient's difference at 1e-5 to 1e-2, so the course's bands (made for double) are not shown"
                : tolerance.EstimatesItsOwnError
                    ? $"; where the difference is above the course's lines, the gradient is small next to the error of finite differences themselves (max |g-n| {ReportTable.Sci(report.Tensors.Max(t => t.MaxAbsError))})"
                    : string.Empty;
            return $"Passed all the same: {within}{because}.";
        }

        if (report.Verdict == Verdict.Wrong || double.IsNaN(report.Difference) || (report.Problems.Count > 0 && report.Failures.Count == 0))
        {
            return null; // the band already says it, or the "Not earned" line does
        }

        var failing = report.Failures.GroupBy(t => (t.Layer, t.Tensor)).Select(g => (Name: $"{g.Key.Layer}.{g.Key.Tensor}", Failed: g.Max(t => t.Failed))).ToArray();
        string where = string.Join(", ", failing.Select(f => DisplayText.Safe(f.Name)));
        int elements = failing.Sum(f => f.Failed);
        if (failing.Length == 0)
        {
            return $"Failed all the same: the overall normalized difference is over your threshold, {tolerance}.";
        }

        if (tolerance.JudgesWholeTensors)
        {
            return $"Failed all the same: the difference of {where} is over your threshold, {tolerance} (err/tol up to {ratio}).";
        }

        if (elements == 0 && report.Failures.Any(t => t.ExactAlongItself is { Agrees: false }))
        {
            return $"Failed all the same: {where} is off as a whole, along its exact gradient, by more than the rounding of the two computations allows (below); the normalized difference sets that beside every element's rounding.";
        }

        if (elements == 0)
        {
            return $"Failed all the same: some elements of {where} could not be verified (below); the normalized difference averages them with every element that agrees.";
        }

        string count = elements == 1 ? "1 element is over its" : string.Create(CultureInfo.InvariantCulture, $"{elements} elements are over their");
        return $"Failed all the same: {count} tolerance (err/tol up to {ratio}), in {where}; the normalized difference averages them with every element that agrees.";
    }

    /// <summary>The course's word for a band.</summary>
    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Great => "great",
        Verdict.Careful => "careful",
        Verdict.Worried => "worried",
        _ => "wrong",
    };
}
