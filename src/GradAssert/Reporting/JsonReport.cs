using System.Text;
using System.Text.Json;

namespace GradAssert.Reporting;

/// <summary>
/// Renders a <see cref="GradientReport"/> as JSON, for CI artifacts and dashboards. NaN becomes null. Names are kept as
/// they are (the writer escapes control characters; an unpaired surrogate becomes U+FFFD). The course's verdict is kept
/// as data beside <c>errorToTolerance</c>, the figure <c>passed</c> follows from.
/// </summary>
internal static class JsonReport
{
    public static string Render(GradientReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", report.Model);
            json.WriteString("precision", report.Precision);
            json.WriteNumber("seed", report.Seed);
            json.WriteString("tolerance", report.Options.Tolerance.ToString());
            Settings(json, report);
            json.WriteBoolean("passed", report.Passed);
            json.WriteBoolean("sampled", report.Sampled);
            Number(json, "errorToTolerance", report.ErrorToTolerance);
            Number(json, "difference", report.Difference);
            json.WriteString("verdict", report.Verdict.ToString());
            json.WriteBoolean("bandsApply", report.BandsApply);
            json.WriteNumber("kinks", report.Kinks);
            json.WriteStartArray("blamed");
            foreach (string layer in report.Blamed)
            {
                json.WriteStringValue(layer);
            }

            json.WriteEndArray();
            json.WriteStartArray("problems");
            foreach (string problem in report.Problems)
            {
                json.WriteStringValue(problem);
            }

            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (string warning in report.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteStartArray("tensors");
            foreach (var t in report.Tensors)
            {
                json.WriteStartObject();
                json.WriteString("layer", t.Layer);
                json.WriteString("tensor", t.Tensor);
                json.WriteString("scope", t.Scope == CheckScope.EndToEnd ? "endToEnd" : "local");
                if (t.JudgedBy is { } own && !own.Equals(report.Options.Tolerance))
                {
                    json.WriteString("tolerance", own.ToString());
                }

                Ints(json, "shape", t.Shape);
                Number(json, "difference", t.Difference);
                json.WriteString("verdict", t.Verdict.ToString());
                json.WriteBoolean("passed", t.Passed);
                if (report.Options.Reference != Reference.Differences)
                {
                    json.WriteString("reference", t.Reference); // left out by default, so that reports of checks that did not ask for it keep their form
                }
                Number(json, "errorToTolerance", t.ErrorToTolerance);
                Number(json, "detectionThreshold", t.DetectionThreshold);
                Number(json, "maxAbsError", t.MaxAbsError);
                Ints(json, "worstIndex", t.WorstIndex);
                Number(json, "analyticAtWorst", t.AnalyticAtWorst);
                Number(json, "numericalAtWorst", t.NumericalAtWorst);
                json.WriteNumber("checked", t.Checked);
                json.WriteNumber("failed", t.Failed);
                json.WriteNumber("unverifiable", t.Unverifiable);
                json.WriteNumber("unresolved", t.Unresolved);
                json.WriteNumber("kinks", t.Kinks);
                json.WriteNumber("directions", t.Directions);
                json.WriteBoolean("sampled", t.Sampled);
                json.WriteNumber("elements", t.Elements);
                Number(json, "consistentRatio", t.ConsistentRatio);
                json.WriteNumber("secondOpinions", t.SecondOpinions);
                json.WriteNumber("secondOpinionsChanged", t.SecondOpinionsChanged);
                if (t.ExactAlongItself is { Agrees: false } along)
                {
                    // Only where it fails the row, so that passing reports keep their form.
                    json.WriteStartObject("alongItself");
                    Number(json, "analytic", along.Analytic);
                    Number(json, "exact", along.Exact);
                    Number(json, "allowance", along.Allowance);
                    json.WriteEndObject();
                }

                json.WriteStartArray("taylorTests");
                foreach (var test in t.TaylorTests)
                {
                    Taylor(json, test, whole: ReferenceEquals(test, t.Taylor));
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One Taylor test: where, the verdict, the orders, and every step's remainders and floor.</summary>
    private static void Taylor(Utf8JsonWriter json, TaylorResult test, bool whole)
    {
        json.WriteStartObject();
        json.WriteString("along", test.Along);
        Ints(json, "index", test.Index);
        json.WriteBoolean("wholeTensor", whole);
        json.WriteBoolean("secondOpinion", test.SecondOpinion);
        Number(json, "firstErrorToTolerance", test.FirstErrorToTolerance);
        json.WriteBoolean("overturned", test.Overturned);
        json.WriteString("verdict", test.Verdict.ToString());
        Number(json, "order", test.Order);
        Number(json, "cancelledOrder", test.CancelledOrder);
        Number(json, "derivativeError", test.DerivativeError);
        Number(json, "bound", test.Bound);
        Numbers(json, "steps", test.Steps);
        Numbers(json, "remainders", test.Remainders);
        Numbers(json, "oppositeRemainders", test.OppositeRemainders);
        Numbers(json, "cancelledRemainders", test.CancelledRemainders);
        Numbers(json, "floor", test.Floor);
        json.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                json.WriteNumberValue(v);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    /// <summary>Where settings not set in code came from, and the overrides that applied; nothing when there are none.</summary>
    private static void Settings(Utf8JsonWriter json, GradientReport report)
    {
        if (report.Options.Sources.Any)
        {
            json.WriteStartObject("settingsFrom");
            foreach (var (setting, source) in report.Options.Sources.Named().OrderBy(s => s.Setting, StringComparer.Ordinal))
            {
                json.WriteString(setting, source);
            }

            json.WriteEndObject();
        }

        var applied = ResultWords.AppliedOverrides(report).ToArray();
        if (applied.Length > 0)
        {
            json.WriteStartArray("overrides");
            foreach (var o in applied)
            {
                json.WriteStringValue(o.ToString());
            }

            json.WriteEndArray();
        }
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Ints(Utf8JsonWriter json, string name, IReadOnlyList<int> values)
    {
        json.WriteStartArray(name);
        foreach (int v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }
}
