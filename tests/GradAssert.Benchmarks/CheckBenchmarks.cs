using BenchmarkDotNet.Attributes;

namespace GradAssert.Benchmarks;

/// <summary>
/// Gradient checks next to one forward pass of the same model. A naive check costs 2·n forward passes
/// (n = parameters + inputs); Program prints check time ÷ (2·n · forward time), all from one run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CheckBenchmarks
{
    private Sequential<double> _model = null!;
    private Tensor<double> _input = null!;

    /// <summary>
    /// The modes compared, by name, for <paramref name="model"/>: the default, the default on two threads (each extra
    /// thread on a copy the model's own builder makes, <see cref="GradCheckOptions.LayerFactory"/>), and directional.
    /// </summary>
    public static (string Name, GradCheckOptions Options)[] Modes(string model) =>
    [
        ("Default", new GradCheckOptions()),
        ("DefaultParallel", new GradCheckOptions { Parallelism = 2, LayerFactory = () => Models.Build(model).Model }),
        ("Directional", new GradCheckOptions { Mode = CheckMode.Directional }),
    ];

    private (string Name, GradCheckOptions Options)[] _modes = [];

    /// <summary>The model, by name (see <see cref="Models"/>).</summary>
    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = "mlp-17k";

    /// <summary>Every benchmark model.</summary>
    public static IEnumerable<string> ModelNames => Models.Names;

    [GlobalSetup]
    public void Setup()
    {
        (_model, _input) = Models.Build(Model);
        _modes = Modes(Model);
    }

    /// <summary>One forward pass through the whole model: the unit of a naive check's cost.</summary>
    [Benchmark(Baseline = true)]
    public Tensor<double> Forward() => _model.Forward(_input);

    /// <summary>The default: every element locally (grouped where the check finds and verifies groups), end to end along directions.</summary>
    [Benchmark]
    public GradientReport Default() => GradCheck.Layer(_model, _input, _modes[0].Options);

    /// <summary>The default with two threads (the MLPs' dense layers are cloneable; the zoo's layers are not).</summary>
    [Benchmark]
    public GradientReport DefaultParallel() => GradCheck.Layer(_model, _input, _modes[1].Options);

    /// <summary>A few directions per tensor, locally and end to end.</summary>
    [Benchmark]
    public GradientReport Directional() => GradCheck.Layer(_model, _input, _modes[2].Options);
}
