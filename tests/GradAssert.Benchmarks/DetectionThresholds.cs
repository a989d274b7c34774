using System.Globalization;
using System.Numerics;

namespace GradAssert.Benchmarks;

/// <summary>
/// What a pass is worth on the generic benchmark models: the `Detects:` threshold each check states (the least sensitive
/// row's) and the rows' range, by default and by finite differences alone, in double and float. A measurement for the
/// docs and closing notes, not a timing.
/// </summary>
internal static class DetectionThresholds
{
    private static readonly string[] Generic = ["mlp-17k-zoo", "conv", "attention"];

    /// <summary>Prints one Markdown row per model, type and reference.</summary>
    public static void Print()
    {
        Console.WriteLine("| model | type | reference | passed | Detects (the header: least sensitive row) | layer-alone rows | end-to-end rows |");
        Console.WriteLine("|---|---|---|---|--:|--:|--:|");
        foreach (string name in Generic)
        {
            Row<double>(name, Reference.Auto);
            Row<double>(name, Reference.Differences);
            Row<float>(name, Reference.Auto);
            Row<float>(name, Reference.Differences);
        }
    }

    private static void Row<T>(string name, Reference reference) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (model, input) = Models.Generic<T>(name);
        var report = GradCheck.Layer(model, input, new GradCheckOptions { Reference = reference });
        string header = Range(report.Tensors.Select(t => t.DetectionThreshold)).To;
        var (localFrom, localTo) = Range(report.Tensors.Where(t => t.Scope == CheckScope.Local).Select(t => t.DetectionThreshold));
        var (endFrom, endTo) = Range(report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd).Select(t => t.DetectionThreshold));
        Console.WriteLine($"| {name} | {(typeof(T) == typeof(float) ? "float" : "double")} | {reference} | {(report.Passed ? "yes" : "no")} | {header} | {localFrom}–{localTo} | {endFrom}–{endTo} |");
    }

    private static (string From, string To) Range(IEnumerable<double> thresholds)
    {
        double[] finite = [.. thresholds.Where(double.IsFinite)];
        return finite.Length == 0 ? ("-", "-") : (Format(finite.Min()), Format(finite.Max()));

        static string Format(double value) => value.ToString("0.00e+00", CultureInfo.InvariantCulture);
    }
}
