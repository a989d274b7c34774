using BenchmarkDotNet.Attributes;

namespace GradAssert.Benchmarks;

/// <summary>
/// Gradient checks of dense/tanh MLPs next to one forward pass of the same model. A naive check costs 2·n forward
/// passes (n = parameters + inputs); Program prints check time ÷ (2·n · forward time), all from one run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CheckBenchmarks
{
    private Sequential<double> _model = null!;
    private Tensor<double> _input = null!;

    /// <summary>The modes compared, by name.</summary>
    public static (string Name, GradCheckOptions Options)[] Modes { get; } =
    [
        ("Default", new GradCheckOptions()),
        ("Default ×2 cores", new GradCheckOptions { Parallelism = 2 }),
        ("Full", new GradCheckOptions { Mode = CheckMode.Full }),
        ("Directional", new GradCheckOptions { Mode = CheckMode.Directional }),
    ];

    /// <summary>The model size, by number of checked elements.</summary>
    [Params("1k", "17k", "100k")]
    public string Size { get; set; } = "17k";

    [GlobalSetup]
    public void Setup()
    {
        var widths = Models.Widths(Size);
        _model = Models.Mlp(widths);
        _input = Models.Input(widths);
    }

    /// <summary>One forward pass through the whole model: the unit of a naive check's cost.</summary>
    [Benchmark(Baseline = true)]
    public Tensor<double> Forward() => _model.Forward(_input);

    /// <summary>The default: every element locally (sampled above 10,000 per tensor), end to end along directions.</summary>
    [Benchmark]
    public GradientReport Default() => GradCheck.Layer(_model, _input, Modes[0].Options);

    /// <summary>The default on two cores (the dense layers are cloneable).</summary>
    [Benchmark]
    public GradientReport DefaultParallel() => GradCheck.Layer(_model, _input, Modes[1].Options);

    /// <summary>A few directions per tensor, locally and end to end.</summary>
    [Benchmark]
    public GradientReport Directional() => GradCheck.Layer(_model, _input, Modes[3].Options);
}
