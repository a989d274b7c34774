using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using GradAssert.Reporting;

namespace GradAssert.Cases;

/// <summary>The texts of a <c>[GradientCheck]</c> run: the one-line summary of a pass, and the failure message.</summary>
internal static class PropertyMessages
{
    public static string Summary(RunPlan plan, IReadOnlyList<GradientCase> cases)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"GradientCheck passed {cases.Count} {Plural(cases.Count, "case")} (test seed {plan.TestSeed}, {plan.SeedSource}");
        if (plan.IsReplay)
        {
            text.Append(CultureInfo.InvariantCulture, $"; replayed case {plan.First} of a run of {plan.Cases}");
        }
        else if (plan.CasesSource != RunPlan.AttributeCases)
        {
            text.Append("; case count from ").Append(plan.CasesSource);
        }

        if (cases.SelectMany(c => c.Reports).Select(r => ResultWords.SettingsFrom(r.Options)).FirstOrDefault(s => s is not null) is { } from)
        {
            text.Append("; settings from ").Append(from);
        }

        string sizes = SizeRanges(cases);
        if (sizes.Length > 0)
        {
            text.Append("; sizes ").Append(sizes);
        }

        text.Append("): ");
        var worst = WorstPerLayer(cases);
        if (worst.Count == 0)
        {
            text.Append("no gradient check was recorded (call GradientAssert.Layer inside the test to list the worst error/tolerance per layer).");
        }
        else
        {
            text.Append("worst error/tolerance per layer (above 1 fails; the normalized difference beside it where the course's bands apply): ");
            text.AppendJoin(", ", worst.Select(w => DisplayText.Safe(w.Layer) + " " + ResultWords.Ratio(w.Ratio)
                + (w.Difference is { } difference ? $" ({ReportTable.Sci(difference)})" : string.Empty)));
            text.Append('.');
        }

        var warnings = cases.SelectMany(c => c.Reports).SelectMany(r => r.Warnings).Distinct().ToArray();
        if (warnings.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Warning ({warnings.Length}): {warnings[0]}.");
        }

        return text.ToString();
    }

    /// <summary>The failure of a run whose cases all passed without running a single gradient check: nothing was checked.</summary>
    public static Exception NoCheck(string testName, RunPlan plan, int casesRun)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"GradientCheck failed: no gradient check ran in {(casesRun == 1 ? "the one case" : $"any of the {casesRun} cases")}, so nothing was checked.\n");
        text.Append(CultureInfo.InvariantCulture, $"Test: {testName}\n");
        text.Append(CultureInfo.InvariantCulture, $"Test seed: {plan.TestSeed} ({plan.SeedSource}).\n");
        text.Append("A [GradientCheck] test passes only on the checks it ran: call GradientAssert.Layer, GradCheck.Layer or ");
        text.Append("ShouldPassGradientCheck (GradAssert.Shouldly) inside the test, on a layer and an input drawn from the case ");
        text.Append("(c.Dim, c.Normal), and await it in an async test.\n");
        return new GradientCaseException(text.ToString());
    }

    /// <param name="chartPath">Where the chart of the smallest case's report was written, or null.</param>
    /// <param name="replayCommand">The command that runs one test again under the runner in use (<see cref="GradientPropertySettings.ReplayCommand"/>), or null for VSTest's.</param>
    public static Exception Failure(
        string testName, RunPlan plan, int casesRun, CaseOutcome original, CaseOutcome smallest, int shrinks, string? chartPath, Func<string, string>? replayCommand = null)
    {
        var @case = original.Case;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Headline(smallest)} in case {@case.Index} of a run of {plan.Cases} (case seed {@case.Seed}).\n");
        if (smallest.Error is GradientCheckException { Report: var conclusion })
        {
            // The conclusion first: test explorers and CI logs show the top of a message.
            text.Append(ReportTable.Conclusion(conclusion));
        }

        text.Append(CultureInfo.InvariantCulture, $"Test: {testName}\n");
        text.Append(CultureInfo.InvariantCulture, $"Test seed: {plan.TestSeed} ({plan.SeedSource}); ");
        text.Append(plan.IsReplay
            ? "replayed this one case.\n"
            : string.Create(CultureInfo.InvariantCulture, $"{casesRun - 1} {Plural(casesRun - 1, "case")} passed before it (cases are numbered from 0).\n"));
        text.Append("Sizes drawn:      ").Append(Dims(@case)).Append('\n');
        if (@case.Dims.Count == 0)
        {
            text.Append("Smallest failing: the same case (it draws no sizes, so there is nothing to shrink)\n");
        }
        else
        {
            text.Append("Smallest failing: ").Append(Dims(smallest.Case)).Append(shrinks == 0
                ? " (no smaller sizes fail the same way)\n"
                : string.Create(CultureInfo.InvariantCulture, $" (after {shrinks} {Plural(shrinks, "shrink")})\n"));
        }

        text.Append('\n');
        switch (smallest.Error)
        {
            case GradientCheckException gradient:
                text.Append("The report of the smallest failing case:\n").Append(ReportTable.Render(gradient.Report, includeReplay: false, includeBlame: false).TrimEnd()).Append('\n');
                break;
            case LayerContractException contract:
                text.Append("The layer broke the contract in the smallest failing case:\n").Append(contract.Message.TrimEnd()).Append('\n');
                break;
            case { } error:
                text.Append(CultureInfo.InvariantCulture, $"The test threw {error.GetType().FullName} in the smallest failing case:\n").Append(error.Message.TrimEnd()).Append('\n');
                break;
        }

        text.Append("\nReplay exactly this case (it shrinks again the same way):\n");
        text.Append("  ").Append(ReplayAttribute(testName, plan, @case.Index)).Append('\n');
        text.Append("  ").Append(ReplayLine(testName, plan, @case.Index, replayCommand)).Append('\n');
        if (chartPath is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nChart of the report: {chartPath}\n");
        }

        string message = text.ToString();
        return smallest.Error switch
        {
            GradientCheckException gradient => WithStackOf(new GradientCheckException(message, gradient.Report), gradient),
            LayerContractException contract => new LayerContractException(message, contract),
            _ => new GradientCaseException(message, smallest.Error!),
        };
    }

    // The exception has no inner one to carry the stack of the check that failed; show that stack as its own, so the
    // test runner points at the line of the test that called the check.
    private static Exception WithStackOf(Exception failure, Exception original) =>
        original.StackTrace is { Length: > 0 } stack ? ExceptionDispatchInfo.SetRemoteStackTrace(failure, stack) : failure;

    /// <summary>
    /// The attribute that replays the case, without a quote (a TRX file of xUnit's writes a quote as \"): the seed, the
    /// count and the case; for a generic test, with the failing type argument alone, so that only its test runs.
    /// </summary>
    internal static string ReplayAttribute(string testName, RunPlan plan, int caseIndex)
    {
        string type = ReplayToken.TypeArgumentOf(testName) is { } argument ? $"typeof({argument}), " : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"[GradientCheck({type}Seed = {plan.TestSeed}, Cases = {plan.Cases}, ReplayCase = {caseIndex})]");
    }

    /// <summary>
    /// The shell line that runs the test again on the case: its replay token in <c>GRADASSERT_REPLAY</c> (with the type
    /// argument of a generic test, whose other type arguments then run as usual) and the runner's command that selects the
    /// method. Quote-free unless the name needs quoting.
    /// </summary>
    internal static string ReplayLine(string testName, RunPlan plan, int caseIndex, Func<string, string>? replayCommand)
    {
        var token = new ReplayToken(plan.TestSeed, caseIndex, plan.Cases, ReplayToken.TypeArgumentOf(testName));
        string method = ShellWord(MethodName(testName));
        string command = replayCommand?.Invoke(method) ?? $"dotnet test --filter FullyQualifiedName={method}";
        return $"{GradientPropertySettings.ReplayVariable}={token} {command}";
    }

    // Test runners filter on the method's name: a generic test's type argument (Dense_backward<float>) is not part of it.
    private static string MethodName(string testName) =>
        testName.EndsWith('>') && testName.LastIndexOf('<') is > 0 and var open ? testName[..open] : testName;

    /// <summary>The text as one word of a POSIX shell: as it is when it holds nothing the shell reads, in single quotes otherwise.</summary>
    internal static string ShellWord(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '+' or '-' or '/' or ':' or ',' or '=')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Headline(CaseOutcome outcome) => outcome.Kind switch
    {
        FailureKind.Gradient => $"GradientCheck failed: a gradient disagrees with {ComparedWith(((GradientCheckException)outcome.Error!).Report)}",
        FailureKind.Contract => "GradientCheck failed: the layer broke the contract",
        _ => $"GradientCheck failed: the test threw {outcome.Error!.GetType().Name}",
    };

    /// <summary>What the failing rows were compared with (every row's when none failed: the check failed for another reason).</summary>
    private static string ComparedWith(GradientReport report) =>
        ResultWords.ComparedWith(report.Tensors.Any(t => !t.Passed) ? report.Tensors.Where(t => !t.Passed).ToArray() : report.Tensors);

    private static string Dims(GradientCase @case) =>
        @case.Dims.Count == 0 ? "(none)" : string.Join(", ", @case.Dims.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name}={d.Value}")));

    private static string SizeRanges(IReadOnlyList<GradientCase> cases)
    {
        var ranges = new List<(string Name, int Min, int Max)>();
        foreach (var dim in cases.SelectMany(c => c.Dims))
        {
            int at = ranges.FindIndex(r => r.Name == dim.Name);
            if (at < 0)
            {
                ranges.Add((dim.Name, dim.Value, dim.Value));
            }
            else
            {
                ranges[at] = (dim.Name, Math.Min(ranges[at].Min, dim.Value), Math.Max(ranges[at].Max, dim.Value));
            }
        }

        return string.Join(", ", ranges.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Name} {r.Min}..{r.Max}")));
    }

    /// <summary>
    /// Per layer, the worst error/tolerance over every case (what pass or fail follows from) and the worst normalized
    /// difference of its rows whose report the course's bands apply to (null when none does, as in float).
    /// </summary>
    internal static IReadOnlyList<(string Layer, double Ratio, double? Difference)> WorstPerLayer(IEnumerable<GradientCase> cases)
    {
        var worst = new List<(string Layer, double Ratio, double? Difference)>();
        foreach (var report in cases.SelectMany(c => c.Reports))
        {
            foreach (var row in report.Tensors)
            {
                int at = worst.FindIndex(w => w.Layer == row.Layer);
                var (ratio, difference) = at < 0 ? (0.0, (double?)null) : (worst[at].Ratio, worst[at].Difference);
                ratio = Worse(ratio, row.ErrorToTolerance);
                difference = report.BandsApply ? Worse(difference ?? 0, row.Difference) : difference;
                if (at < 0)
                {
                    worst.Add((row.Layer, ratio, difference));
                }
                else
                {
                    worst[at] = (row.Layer, ratio, difference);
                }
            }
        }

        return worst;
    }

    private static double Worse(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b);

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
