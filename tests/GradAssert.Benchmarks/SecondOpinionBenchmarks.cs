using BenchmarkDotNet.Attributes;

namespace GradAssert.Benchmarks;

/// <summary>
/// What the Taylor second opinion costs: the default check against the same check with
/// <see cref="GradCheckOptions.SecondOpinion"/> off, per model and float type. Program prints the second opinion's share
/// of the default check and how many compared elements and directions got it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SecondOpinionBenchmarks
{
    private static readonly GradCheckOptions Without = new() { SecondOpinion = false };

    private Func<GradCheckOptions, GradientReport> _check = null!;

    /// <summary>The model, by name (see <see cref="SecondOpinionModels"/>).</summary>
    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = "mlp-1k";

    /// <summary>The float type: <c>double</c> or <c>float</c>.</summary>
    [Params("double", "float")]
    public string Precision { get; set; } = "double";

    /// <summary>Every model of <see cref="SecondOpinionModels"/>.</summary>
    public static IEnumerable<string> ModelNames => SecondOpinionModels.Names;

    [GlobalSetup]
    public void Setup() => _check = Check(Model, Precision);

    /// <summary>The default check, second opinion included.</summary>
    [Benchmark(Baseline = true)]
    public GradientReport Default() => _check(GradCheckOptions.Default);

    /// <summary>The same check without the second opinion.</summary>
    [Benchmark]
    public GradientReport WithoutSecondOpinion() => _check(Without);

    /// <summary>The check of a model in a float type, as a function of the options.</summary>
    public static Func<GradCheckOptions, GradientReport> Check(string model, string precision)
    {
        if (precision == "float")
        {
            var (m, x) = SecondOpinionModels.Build<float>(model);
            return options => GradCheck.Layer(m, x, options);
        }

        var (md, xd) = SecondOpinionModels.Build<double>(model);
        return options => GradCheck.Layer(md, xd, options);
    }

    /// <summary>
    /// The forward passes of a check, each weighted by its layer's share of one forward pass through the whole model (its
    /// own forward time over the model's), so the sum counts whole-model forward passes.
    /// </summary>
    public static double ForwardPasses(string model, string precision, GradCheckOptions options) =>
        precision == "float" ? ForwardPasses<float>(model, options) : ForwardPasses<double>(model, options);

    /// <summary>Compared elements and directions that got a second opinion, and how many there were.</summary>
    public static (int Reviewed, int Compared) Reviewed(GradientReport report) =>
        (report.Tensors.Sum(t => t.TaylorTests.Count(test => test.SecondOpinion)), report.Tensors.Sum(t => t.Checked));

    private static double ForwardPasses<T>(string name, GradCheckOptions options) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (model, input) = SecondOpinionModels.Build<T>(name);
        var counts = model.Layers.Select(_ => new int[1]).ToArray();
        var counted = new Sequential<T>(model.Name, [.. model.Layers.Select((layer, k) => (ILayer<T>)new CountingLayer<T>(layer, counts[k]))]);
        GradCheck.Layer(counted, input, options);

        // Each layer's forward time, on the activation it receives, as a share of the whole model's.
        var shares = new double[model.Layers.Count];
        var activation = input;
        for (int k = 0; k < model.Layers.Count; k++)
        {
            var layer = model.Layers[k];
            var at = activation;
            shares[k] = Seconds(() => layer.Forward(at));
            activation = layer.Forward(at);
        }

        double whole = shares.Sum();
        return counts.Select((c, k) => c[0] * shares[k] / whole).Sum();
    }

    private static double Seconds(Action action)
    {
        action();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        int repeats = 0;
        while (watch.Elapsed.TotalMilliseconds < 200 || repeats < 5)
        {
            action();
            repeats++;
        }

        return watch.Elapsed.TotalSeconds / repeats;
    }
}
