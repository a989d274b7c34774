using System.Numerics;
using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Checking;

/// <summary>
/// <see cref="GradCheckOptions.LayerFactory"/> lets a check use several threads on layers that cannot clone themselves:
/// the report is the serial one bit for bit, and a factory that builds something else is refused in words.
/// </summary>
public sealed class LayerFactoryTests
{
    private static readonly Tensor<double> Input = new GradientCase(3).Normal<double>(4, 1, 6, 6);

    private static Sequential<double> Model(int seed = 1) => new(
        new Conv2D<double>(1, 3, kernel: 3, padding: 1, seed: seed), new ReLU<double>(), new MaxPool2D<double>(2), new Conv2D<double>(3, 2, kernel: 3, seed: seed + 1), new Tanh<double>());

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Parallel_check_through_a_factory_gives_the_serial_report_bit_for_bit(bool grouping)
    {
        var serial = GradCheck.Layer(Model(), Input, new GradCheckOptions { Grouping = grouping });
        var parallel = GradCheck.Layer(Model(), Input, new GradCheckOptions { Grouping = grouping, Parallelism = 2, LayerFactory = () => Model() });

        parallel.ToString().ShouldBe(serial.ToString());
        parallel.Tensors.Select(t => (t.Difference, t.MaxAbsError, t.ErrorToTolerance)).ShouldBe(serial.Tensors.Select(t => (t.Difference, t.MaxAbsError, t.ErrorToTolerance)));
    }

    [Fact]
    public void Parallel_check_of_a_single_layer_through_a_factory_gives_the_serial_report()
    {
        var (serial, parallel) = SerialAndParallel(() => new Dense<double>(12, 9, seed: 2), new GradientCase(4).Normal<double>(5, 12));

        parallel.ToString().ShouldBe(serial.ToString());
    }

    [Fact]
    public void Parallel_check_of_a_wide_layer_gives_the_serial_report_with_every_Taylor_test_in_order()
    {
        // Both threads set their elements' outcomes by position: the worst element, every figure and every Taylor test,
        // in order, are the serial ones.
        var (serial, parallel) = SerialAndParallel(() => new Dense<float>(4, 3000, seed: 3), new GradientCase(4).Normal<float>(1, 4));

        parallel.ToJson().ShouldBe(serial.ToJson());
        serial.Tensors.Sum(t => t.TaylorTests.Count).ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Factory_that_builds_another_layer_is_refused_in_words()
    {
        var error = Should.Throw<LayerContractException>(() =>
            GradCheck.Layer(Model(), Input, new GradCheckOptions { Parallelism = 2, LayerFactory = () => Model(seed: 7) }));

        error.Message.ShouldContain("GradCheckOptions.LayerFactory must build the same layer or model again");
        error.Message.ShouldContain("other parameters");
    }

    [Fact]
    public void Factory_that_returns_the_layer_under_check_is_refused()
    {
        var model = Model();

        var error = Should.Throw<LayerContractException>(() =>
            GradCheck.Layer(model, Input, new GradCheckOptions { Parallelism = 2, LayerFactory = () => model }));

        error.Message.ShouldContain("it returned the layer under check itself");
    }

    private static (GradientReport Serial, GradientReport Parallel) SerialAndParallel<T>(Func<ILayer<T>> build, Tensor<T> input)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (GradCheck.Layer(build(), input, Differences), GradCheck.Layer(build(), input, Differences with { Parallelism = 2, LayerFactory = build }));

    /// <summary>Finite differences, which the copies share out: the exact reference reads its dual passes in one thread.</summary>
    private static GradCheckOptions Differences => new() { Reference = Reference.Differences };
}
