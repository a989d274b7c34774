using BenchmarkDotNet.Attributes;

namespace GradAssert.Benchmarks;

/// <summary>
/// A full gradient check of an MLP next to one forward pass of the same model. The cost of a naive check is
/// 2·n forward passes (n = parameters + inputs); Program prints check time ÷ (2·n · forward time) from one run.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private Sequential<double> _model = null!;
    private Tensor<double> _input = null!;

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

    /// <summary>A full check: every element, end to end and layer by layer, with blame.</summary>
    [Benchmark]
    public GradientReport FullCheck() => GradCheck.Layer(_model, _input);
}
