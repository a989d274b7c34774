using System.Diagnostics;
using System.Globalization;

namespace GradAssert.Benchmarks;

/// <summary>
/// One dense layer of millions of weights checked in full (every element of W, b and the input), timed with a stopwatch,
/// with the process's peak working set next to the layer's own memory (its weights and their gradients).
/// </summary>
internal static class BigDense
{
    /// <param name="shape">in, out and batch; 64 × 78,125 (5,000,000 weights, a vocabulary projection) and batch 1 unless given.</param>
    public static void Run(int[] shape)
    {
        int inputs = shape.Length > 0 ? shape[0] : 64, outputs = shape.Length > 1 ? shape[1] : 78_125, batch = shape.Length > 2 ? shape[2] : 1;
        var layer = new BenchDense(inputs, outputs, seed: 1);
        var input = new GradientCase(2).Normal<double>(batch, inputs);
        long own = layer.Parameters.Sum(p => (long)(p.Value.Length + p.Gradient.Length) * sizeof(double));
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long before = process.WorkingSet64;
        var watch = Stopwatch.StartNew();
        var report = GradCheck.Layer(layer, input, new GradCheckOptions { Mode = CheckMode.Full });
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        long peak = process.PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dense {inputs}×{outputs} (batch {batch}): {inputs * (long)outputs:N0} weights, {report.Tensors.Sum(t => (long)t.Checked + t.Kinks):N0} elements compared in {watch.Elapsed.TotalSeconds:F1} s ({cpu.TotalSeconds:F1} s of processor time); passed: {report.Passed}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Memory: the layer's own {own / 1048576.0:F0} MiB (weights and gradients); working set {before / 1048576.0:F0} MiB before the check, peak {peak / 1048576.0:F0} MiB ({(double)peak / own:F2}× the layer's own)"));
        Console.WriteLine(report);
    }
}
