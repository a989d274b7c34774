using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using GradAssert;
using GradAssert.Benchmarks;

// dotnet run -c Release --project tests/GradAssert.Benchmarks            → BenchmarkDotNet, then the ratio table
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --quick → a quick Stopwatch estimate of the same ratios
if (args.Contains("--quick"))
{
    Console.WriteLine("size   elements  check (ms)  forward (µs)  naive 2n·forward (ms)  ratio");
    foreach (string size in new[] { "1k", "17k", "100k" })
    {
        var widths = Models.Widths(size);
        var model = Models.Mlp(widths);
        var input = Models.Input(widths);
        int n = Models.Elements(model, input);
        GradCheck.Layer(model, input);
        double forward = Time(() => model.Forward(input), 200);
        double check = Time(() => GradCheck.Layer(model, input), size == "100k" ? 1 : 3);
        double naive = 2.0 * n * forward;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size,-5} {n,9}  {check * 1e3,10:F1}  {forward * 1e6,12:F1}  {naive * 1e3,21:F1}  {check / naive,5:F2}"));
    }

    return;
}

var summary = BenchmarkRunner.Run<CheckBenchmarks>(args: args);
Console.WriteLine();
Console.WriteLine("Check time ÷ time of the 2·n whole-model forward passes a naive check needs (same run):");
foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Parameters["Size"]))
{
    string size = (string)group.Key;
    var widths = Models.Widths(size);
    int n = Models.Elements(Models.Mlp(widths), Models.Input(widths));
    double forward = group.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == "Forward").ResultStatistics!.Mean;
    double check = group.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == "FullCheck").ResultStatistics!.Mean;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {size,-5} n = {n,6}: full check {check / (2.0 * n * forward):F3}×"));
}

static double Time(Action action, int repeats)
{
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < repeats; i++)
    {
        action();
    }

    return watch.Elapsed.TotalSeconds / repeats;
}
