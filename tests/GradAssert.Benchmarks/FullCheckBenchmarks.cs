using BenchmarkDotNet.Attributes;

namespace GradAssert.Benchmarks;

/// <summary>
/// <see cref="CheckMode.Full"/>: every element element-wise, end to end too (through the rest of the model). Without
/// the 100k MLP, whose full check takes minutes an operation; docs/cost.md gives its one-off figure.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class FullCheckBenchmarks
{
    private Sequential<double> _model = null!;
    private Tensor<double> _input = null!;

    /// <summary>The mode compared, by name.</summary>
    public static (string Name, GradCheckOptions Options)[] Modes { get; } = [("Full", new GradCheckOptions { Mode = CheckMode.Full })];

    /// <summary>The model, by name (see <see cref="Models"/>).</summary>
    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = "mlp-17k";

    /// <summary>Every benchmark model but the 100k MLP.</summary>
    public static IEnumerable<string> ModelNames => Models.Names.Where(name => name != "mlp-100k");

    [GlobalSetup]
    public void Setup() => (_model, _input) = Models.Build(Model);

    /// <summary>One forward pass through the whole model: the unit of a naive check's cost.</summary>
    [Benchmark(Baseline = true)]
    public Tensor<double> Forward() => _model.Forward(_input);

    /// <summary>Element-wise everywhere, blame included.</summary>
    [Benchmark]
    public GradientReport Full() => GradCheck.Layer(_model, _input, Modes[0].Options);
}
