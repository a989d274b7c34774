using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using GradAssert;
using GradAssert.Benchmarks;

// dotnet run -c Release --project tests/GradAssert.Benchmarks             → BenchmarkDotNet, then the ratio table
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --quick  → a Stopwatch estimate of the same ratios
if (args.Contains("--quick"))
{
    QuickTable.Print();
    return;
}

var summary = BenchmarkRunner.Run<CheckBenchmarks>(args: args);
Console.WriteLine();
Console.WriteLine("Check time ÷ time of the 2·n whole-model forward passes a naive check needs (same run):");
foreach (var group in summary.Reports.GroupBy(r => (string)r.BenchmarkCase.Parameters["Size"]))
{
    var widths = Models.Widths(group.Key);
    int n = Models.Elements(Models.Mlp(widths), Models.Input(widths));
    double forward = group.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(CheckBenchmarks.Forward)).ResultStatistics!.Mean;
    foreach (var report in group.Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name != nameof(CheckBenchmarks.Forward)))
    {
        double check = report.ResultStatistics!.Mean;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {group.Key,-5} n = {n,6}  {report.BenchmarkCase.Descriptor.WorkloadMethod.Name,-16} {check / 1e6,10:F1} ms  {check / (2.0 * n * forward),8:F4}×"));
    }
}

/// <summary>The same comparison timed with a stopwatch: quicker, noisier.</summary>
internal static class QuickTable
{
    public static void Print()
    {
        Console.WriteLine("size   elements  forward (µs)  mode             check (ms)  ÷ 2n·forward");
        foreach (string size in new[] { "1k", "17k", "100k" })
        {
            var widths = Models.Widths(size);
            var model = Models.Mlp(widths);
            var input = Models.Input(widths);
            int n = Models.Elements(model, input);
            double forward = Time(() => model.Forward(input), 300);
            foreach (var (mode, options) in CheckBenchmarks.Modes)
            {
                if (mode == "Full" && size == "100k")
                {
                    continue; // minutes; see the README for the figure
                }

                GradCheck.Layer(model, input, options);
                double check = Time(() => GradCheck.Layer(model, input, options), size == "1k" ? 5 : 1);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{size,-5} {n,9}  {forward * 1e6,12:F1}  {mode,-15}  {check * 1e3,10:F1}  {check / (2.0 * n * forward),12:F4}"));
            }
        }
    }

    private static double Time(Action action, int repeats)
    {
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            action();
        }

        return watch.Elapsed.TotalSeconds / repeats;
    }
}
