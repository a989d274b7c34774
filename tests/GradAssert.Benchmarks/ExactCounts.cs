using System.Diagnostics;
using System.Globalization;
using GradAssert.Examples.Layers;
using GradAssert.Exact;

namespace GradAssert.Benchmarks;

/// <summary>
/// The cost of a default check (<see cref="Reference.Auto"/>) against finite differences alone
/// (<see cref="Reference.Differences"/>, the default before the exact reference), counted as <see cref="ForwardCounts"/>
/// counts: every Forward call of every layer at the layer's own type and at the dual type, each weighted by that layer's
/// share of one forward pass of the model, a dual call also by how much longer a dual forward of the whole model takes
/// (timed once, interleaved), over the naive check's 2·n passes; and the whole check timed against differences alone.
/// Only the generic models (<see cref="Models.Generic{T}"/>: the other MLPs' dense layer is written at double and would
/// not carry).
/// </summary>
internal static class ExactCounts
{
    private static readonly string[] Generic = ["mlp-17k-zoo", "conv", "attention"];

    public static void Print()
    {
        Console.WriteLine("| model | elements n | differences (forward passes ÷ 2·n) | Auto: plain passes ÷ 2·n | Auto: dual passes ÷ 2·n | dual forward ÷ plain forward (time) | Auto in all (÷ 2·n) | Auto ÷ differences | whole check, Auto ÷ differences (time) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (string name in Generic)
        {
            var (model, input) = Models.Generic<double>(name);
            int n = Models.Elements(model, input);
            var shares = ForwardCounts.Shares(model, input);
            var (plainDefault, _) = Count(name, new GradCheckOptions { Reference = Reference.Differences }, shares);
            var (plain, dual) = Count(name, new GradCheckOptions { Reference = Reference.Auto }, shares);
            double slower = DualOverPlain(name);
            double auto = plain + (dual * slower);
            double whole = CheckTimeRatio(name);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {n:N0} | {plainDefault / (2.0 * n):F4} | {plain / (2.0 * n):F4} | {dual / (2.0 * n):F4} | {slower:F2} | {auto / (2.0 * n):F4} | {auto / plainDefault:F2} | {whole:F2} |"));
        }
    }

    /// <summary>The share-weighted forward calls of one check at the layers' own type and at the dual type.</summary>
    private static (double Plain, double Dual) Count(string name, GradCheckOptions options, double[] shares)
    {
        var (model, input) = Models.Generic<double>(name);
        var tallies = model.Layers.Select(_ => new ForwardCalls()).ToArray();
        var counted = model.Layers.Select((layer, k) => (ILayer<double>)new CountingForwards<double>(layer, tallies[k])).ToArray();
        var report = GradCheck.Layer(new Sequential<double>(model.Name, counted), input, options);
        if (!report.Passed)
        {
            throw new InvalidOperationException($"The {name} model failed its check, so its cost means nothing:\n{report}");
        }

        return (tallies.Select((t, k) => t.Plain * shares[k]).Sum(), tallies.Select((t, k) => t.Dual * shares[k]).Sum());
    }

    /// <summary>
    /// How long a whole default check of the model takes against one by differences alone: the fastest of three of each,
    /// alternated, after one of each. Forward passes are not all a check costs: reading the exact derivatives back,
    /// measuring the backward's rounding and carrying the layer cost time too, and once cost more than the passes.
    /// </summary>
    private static double CheckTimeRatio(string name)
    {
        double Time(Reference reference)
        {
            var (model, input) = Models.Generic<double>(name);
            long start = Stopwatch.GetTimestamp();
            GradCheck.Layer(model, input, new GradCheckOptions { Reference = reference });
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Time(Reference.Auto);
        Time(Reference.Differences);
        double auto = double.MaxValue, differences = double.MaxValue;
        for (int repeat = 0; repeat < 3; repeat++)
        {
            auto = Math.Min(auto, Time(Reference.Auto));
            differences = Math.Min(differences, Time(Reference.Differences));
        }

        return auto / differences;
    }

    /// <summary>
    /// How many times a plain forward pass of the whole model one at the dual type takes: the fastest of 200 interleaved
    /// passes each, after two seconds of passes and a pause that let the JIT's tiered compilation optimize both (the
    /// fastest pass is the one least disturbed on a shared machine).
    /// </summary>
    private static double DualOverPlain(string name)
    {
        var (plainModel, plainInput) = Models.Generic<double>(name);
        var (dualModel, dualInput) = Models.Generic<Dual<double>>(name);
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < TimeSpan.FromSeconds(2))
        {
            plainModel.Forward(plainInput);
            dualModel.Forward(dualInput);
        }

        Thread.Sleep(500);
        long plain = long.MaxValue, dual = long.MaxValue;
        for (int repeat = 0; repeat < 200; repeat++)
        {
            long start = Stopwatch.GetTimestamp();
            plainModel.Forward(plainInput);
            plain = Math.Min(plain, Stopwatch.GetTimestamp() - start);
            start = Stopwatch.GetTimestamp();
            dualModel.Forward(dualInput);
            dual = Math.Min(dual, Stopwatch.GetTimestamp() - start);
        }

        return (double)dual / plain;
    }
}
