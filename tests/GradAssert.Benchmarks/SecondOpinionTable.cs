using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace GradAssert.Benchmarks;

/// <summary>The second opinion's share of a default check, per model and float type, with how much it reviewed.</summary>
internal static class SecondOpinionTable
{
    /// <param name="quick">Time with a stopwatch (a minute) instead of BenchmarkDotNet.</param>
    public static void Print(bool quick)
    {
        var times = new Dictionary<(string Model, string Precision), (double Default, double Without)>();
        if (quick)
        {
            foreach (string model in SecondOpinionModels.Names)
            {
                foreach (string precision in new[] { "double", "float" })
                {
                    var check = SecondOpinionBenchmarks.Check(model, precision);
                    times[(model, precision)] = (Time(() => check(GradCheckOptions.Default)), Time(() => check(new GradCheckOptions { SecondOpinion = false })));
                }
            }
        }
        else
        {
            var summary = BenchmarkRunner.Run<SecondOpinionBenchmarks>();
            foreach (var group in summary.Reports.GroupBy(r => ((string)r.BenchmarkCase.Parameters["Model"]!, (string)r.BenchmarkCase.Parameters["Precision"]!)))
            {
                double Mean(string method) => group.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method).ResultStatistics?.Mean / 1e9 ?? double.NaN;
                times[group.Key] = (Mean("Default"), Mean("WithoutSecondOpinion"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| model | type | default check | without the second opinion | share of the default (time) | share of the default (forward passes) | compared elements and directions reviewed |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var ((model, precision), (withIt, without)) in times.OrderBy(t => Array.IndexOf(SecondOpinionModels.Names, t.Key.Model)).ThenByDescending(t => t.Key.Precision))
        {
            var (reviewed, compared) = SecondOpinionBenchmarks.Reviewed(SecondOpinionBenchmarks.Check(model, precision)(GradCheckOptions.Default));
            double passes = SecondOpinionBenchmarks.ForwardPasses(model, precision, GradCheckOptions.Default);
            double passesWithout = SecondOpinionBenchmarks.ForwardPasses(model, precision, new GradCheckOptions { SecondOpinion = false });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {model} | {precision} | {withIt * 1e3:F1} ms | {without * 1e3:F1} ms | {(withIt - without) / withIt:P0} | {(passes - passesWithout) / passes:P0} | {reviewed:N0} of {compared:N0} ({(double)reviewed / compared:P1}) |"));
        }
    }

    private static double Time(Action action)
    {
        action();
        int repeats = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            action();
            repeats++;
        }
        while (watch.Elapsed.TotalSeconds < 2 || repeats < 3);

        return watch.Elapsed.TotalSeconds / repeats;
    }
}
