using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using GradAssert;
using GradAssert.Benchmarks;

// dotnet run -c Release --project tests/GradAssert.Benchmarks             → BenchmarkDotNet, then the ratio table
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --quick  → a Stopwatch estimate, full mode included
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --dense [in out batch] → a 5-million-weight dense layer, every element
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --count  → forward passes counted, grouping off and on
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --count-exact → the default (Reference.Auto, dual passes included) next to differences alone
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --detects → the Detects: threshold each check of the generic models states
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --second-opinion → the Taylor second opinion's cost (BenchmarkDotNet)
// dotnet run -c Release --project tests/GradAssert.Benchmarks -- --second-opinion --stopwatch → the same, timed with a stopwatch
if (args.Contains("--quick"))
{
    QuickTable.Print();
    return;
}

if (args.Contains("--count-exact"))
{
    ExactCounts.Print();
    return;
}

if (args.Contains("--detects"))
{
    DetectionThresholds.Print();
    return;
}

if (args.Contains("--count"))
{
    ForwardCounts.Print();
    return;
}

if (args.Contains("--second-opinion"))
{
    SecondOpinionTable.Print(quick: args.Contains("--stopwatch"));
    return;
}

if (args.Length > 0 && args[0] == "--dense")
{
    BigDense.Run(args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray());
    return;
}

var summaries = new[] { BenchmarkRunner.Run<CheckBenchmarks>(args: args), BenchmarkRunner.Run<FullCheckBenchmarks>(args: args) };
Console.WriteLine();
Console.WriteLine("| model | elements n | forward | mode | check | check ÷ 2·n forward passes |");
Console.WriteLine("|---|---:|---:|---|---:|---:|");
foreach (var group in summaries.SelectMany(s => s.Reports).GroupBy(r => (string)r.BenchmarkCase.Parameters["Model"]!).OrderBy(g => Array.IndexOf(Models.Names, g.Key)))
{
    var (model, input) = Models.Build(group.Key);
    int n = Models.Elements(model, input);
    foreach (var runs in group.GroupBy(r => r.BenchmarkCase.Descriptor.Type))
    {
        double forward = runs.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == "Forward").ResultStatistics?.Mean ?? double.NaN;
        foreach (var report in runs.Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name != "Forward"))
        {
            double check = report.ResultStatistics?.Mean ?? double.NaN; // NaN: the benchmark failed; its log says why
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {n:N0} | {forward / 1e3:F1} µs | {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} | {check / 1e6:F1} ms | {check / (2.0 * n * forward):F4} |"));
        }
    }
}

/// <summary>The same comparison timed with a stopwatch: one run of each check after one warm-up, in about two minutes.</summary>
internal static class QuickTable
{
    public static void Print()
    {
        Console.WriteLine("| model | elements n | forward | mode | check | check ÷ 2·n forward passes |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|");
        foreach (string name in Models.Names)
        {
            var (model, input) = Models.Build(name);
            int n = Models.Elements(model, input);
            // Warmed for a second first: timed cold, the forward runs unoptimized (tier-0) code and looks several times
            // slower than it is, which would flatter every ratio below.
            double forward = Time(() => model.Forward(input), 300, warmUpSeconds: 1);
            foreach (var (mode, options) in CheckBenchmarks.Modes(name).Concat(name == "mlp-100k" ? [] : FullCheckBenchmarks.Modes))
            {
                double check = Time(() => GradCheck.Layer(model, input, options), 1, warmUp: mode != "Full" && n < 20_000);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {n:N0} | {forward * 1e6:F1} µs | {mode} | {check * 1e3:F1} ms | {check / (2.0 * n * forward):F4} |"));
            }
        }
    }

    private static double Time(Action action, int repeats, bool warmUp = true, double warmUpSeconds = 0)
    {
        if (warmUp)
        {
            action();
        }

        for (var warming = Stopwatch.StartNew(); warming.Elapsed.TotalSeconds < warmUpSeconds;)
        {
            action();
        }

        var watch = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            action();
        }

        return watch.Elapsed.TotalSeconds / repeats;
    }
}
