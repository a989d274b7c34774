using System.Diagnostics;
using System.Globalization;

namespace GradAssert.Benchmarks;

/// <summary>
/// The cost of a check in forward passes, counted rather than timed: every Forward call of every layer, weighted by
/// that layer's share of one forward pass of the whole model (timed once, interleaved), over the naive check's 2·n
/// passes. It leaves out the engine's own work (projections, copies), which matters only for the smallest models, and
/// it is the same on a busy machine as on a quiet one: a stable companion to the timed table.
/// </summary>
internal static class ForwardCounts
{
    public static void Print()
    {
        Console.WriteLine("| model | elements n | mode | grouping off (forward passes ÷ 2·n) | grouping on |");
        Console.WriteLine("|---|---:|---|---:|---:|");
        foreach (string name in Models.Names)
        {
            foreach (var (mode, options) in new[] { ("Default", new GradCheckOptions()), ("Directional", new GradCheckOptions { Mode = CheckMode.Directional }) })
            {
                double off = Ratio(name, options with { Grouping = false }, out int n);
                double on = Ratio(name, options, out _);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {n:N0} | {mode} | {off:F4} | {on:F4} |"));
            }
        }
    }

    private static double Ratio(string name, GradCheckOptions options, out int n)
    {
        var (model, input) = Models.Build(name);
        n = Models.Elements(model, input);
        var counted = model.Layers.Select(layer => new Counted(layer)).ToArray();
        var shares = Shares(model, input);
        GradCheck.Layer(new Sequential<double>(model.Name, counted), input, options);
        return counted.Select((layer, k) => layer.Forwards * shares[k]).Sum() / (2.0 * n);
    }

    /// <summary>Each layer's share of one forward pass of the model, from 200 interleaved timed passes.</summary>
    internal static double[] Shares(Sequential<double> model, Tensor<double> input)
    {
        var time = new double[model.Layers.Count];
        for (int repeat = 0; repeat < 200; repeat++)
        {
            var x = input;
            for (int k = 0; k < model.Layers.Count; k++)
            {
                long start = Stopwatch.GetTimestamp();
                x = model.Layers[k].Forward(x);
                time[k] += Stopwatch.GetTimestamp() - start;
            }
        }

        double total = time.Sum();
        return [.. time.Select(t => t / total)];
    }

    private sealed class Counted(ILayer<double> inner) : ILayer<double>
    {
        public long Forwards { get; private set; }

        public string Name => inner.Name;

        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public Tensor<double> Forward(Tensor<double> input)
        {
            Forwards++;
            return inner.Forward(input);
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) => inner.Backward(outputGradient);
    }
}
