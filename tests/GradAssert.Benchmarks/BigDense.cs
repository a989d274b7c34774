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

        // The layer's own memory resident, as after a training step's zero_grad (a new gradient buffer takes no pages
        // until written), and no garbage left: what the check adds is counted from here.
        foreach (var parameter in layer.Parameters)
        {
            Array.Clear(parameter.Gradient.Data);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long before = process.WorkingSet64;
        var cpuBefore = process.TotalProcessorTime;
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var pausedBefore = GC.GetTotalPauseDuration();
        string loadBefore = LoadAverage();
        var watch = Stopwatch.StartNew();
        var report = GradCheck.Layer(layer, input, new GradCheckOptions { Mode = CheckMode.Full });
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        long peak = process.PeakWorkingSet64;
        int[] collections = [GC.CollectionCount(0) - collectionsBefore[0], GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]];
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        int taylor = report.Tensors.Sum(t => t.TaylorTests.Count);
        var gc = GC.GetConfigurationVariables();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dense {inputs}×{outputs} (batch {batch}): {inputs * (long)outputs:N0} weights, {report.Tensors.Sum(t => (long)t.Checked + t.Kinks):N0} elements compared in {watch.Elapsed.TotalSeconds:F1} s ({cpu.TotalSeconds:F1} s of processor time; load average {loadBefore} before, {LoadAverage()} after); passed: {report.Passed}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Memory: the layer's own {MiB(own)} MiB (weights and gradients); working set {MiB(before)} MiB before the check (the runtime and the layer), peak {MiB(peak)} MiB: {(double)peak / own:F2}× the layer's own; the check added {MiB(peak - before)} MiB, {(double)(peak - before) / own:F2}× the layer's own"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Managed heap: {MiB(heapBefore)} MiB live before the check, {MiB(heapAfter)} MiB after it with the report held ({taylor:N0} Taylor tests); {collections[0]} collections of generation 0, {collections[1]} of 1, {collections[2]} of 2, {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds:F1} s paused; GC: server {Setting(gc, "ServerGC")}, concurrent {Setting(gc, "ConcurrentGC")}, conserve memory {Setting(gc, "GCConserveMem")}"));
        Console.WriteLine(report);
    }

    private static string MiB(long bytes) => (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    private static string Setting(IReadOnlyDictionary<string, object> settings, string name) => settings.TryGetValue(name, out var value) ? $"{value}" : "?";

    /// <summary>The 1-minute load average (Linux), or "?" elsewhere.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
