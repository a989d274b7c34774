using GradAssert.Tests.Support;

namespace GradAssert.Tests.Checking;

/// <summary>Per-layer blame: a wrong backward pass is blamed on the layer that owns it, wherever it sits.</summary>
public sealed class BlameTests
{
    private static Tensor<double> Input => new GradientCase(21).Normal<double>(3, 4);

    private static Sequential<double> Mlp(Dense<double>? first = null, Dense<double>? middle = null, Dense<double>? last = null) => new(
        first ?? new Dense<double>(4, 5, seed: 1, name: "first"),
        new Tanh<double>("tanh1"),
        middle ?? new Dense<double>(5, 5, seed: 2, name: "middle"),
        new Tanh<double>("tanh2"),
        last ?? new Dense<double>(5, 2, seed: 3, name: "last"));

    [Fact]
    public void Correct_model_blames_no_one()
    {
        var report = GradientAssert.Layer(Mlp(), Input);

        report.Blamed.ShouldBeEmpty();
        report.Tensors.Count(t => t.Scope == CheckScope.EndToEnd).ShouldBe(7);
        report.Tensors.Count(t => t.Scope == CheckScope.Local).ShouldBe(11);
    }

    [Fact]
    public void Bug_in_the_first_layer_is_blamed_on_it()
    {
        var report = GradCheck.Layer(Mlp(first: new Dense<double>(4, 5, seed: 1, name: "first") { WeightGradientScale = 1.5 }), Input);

        report.Blamed.ShouldBe(["first"]);
        LocalFailures(report).ShouldBe(["first.W"]);
    }

    [Fact]
    public void Bug_in_a_middle_layer_is_blamed_on_it_though_every_earlier_gradient_is_wrong_too()
    {
        var report = GradCheck.Layer(Mlp(middle: new Dense<double>(5, 5, seed: 2, name: "middle") { InputGradientScale = 0.5 }), Input);

        report.Blamed.ShouldBe(["middle"]);
        LocalFailures(report).ShouldBe(["middle.input"]);
        EndToEndFailures(report).ShouldBe(["first.W", "first.b", "Sequential.input"]);
        report.ToString().ShouldContain("flow into their gradients");
    }

    [Fact]
    public void Bug_in_the_last_layer_is_blamed_on_it()
    {
        var report = GradCheck.Layer(Mlp(last: new Dense<double>(5, 2, seed: 3, name: "last") { BiasSumsFirstRowOnly = true }), Input);

        report.Blamed.ShouldBe(["last"]);
        LocalFailures(report).ShouldBe(["last.b"]);
        EndToEndFailures(report).ShouldBe(["last.b"]);
    }

    [Fact]
    public void Wrong_input_gradient_of_the_last_layer_spoils_every_upstream_row_but_blames_only_it()
    {
        var report = GradCheck.Layer(Mlp(last: new Dense<double>(5, 2, seed: 3, name: "last") { InputGradientScale = -1 }), Input);

        report.Blamed.ShouldBe(["last"]);
        LocalFailures(report).ShouldBe(["last.input"]);
        EndToEndFailures(report).ShouldBe(["first.W", "first.b", "middle.W", "middle.b", "Sequential.input"]);
    }

    [Fact]
    public void Two_bugs_blame_two_layers()
    {
        var report = GradCheck.Layer(
            Mlp(first: new Dense<double>(4, 5, seed: 1, name: "first") { BiasSumsFirstRowOnly = true },
                last: new Dense<double>(5, 2, seed: 3, name: "last") { WeightGradientScale = 2 }),
            Input);

        report.Blamed.ShouldBe(["first", "last"]);
    }

    [Fact]
    public void Nested_models_are_blamed_by_path()
    {
        var block = new Sequential<double>("block", new Dense<double>(5, 5, seed: 2) { WeightGradientScale = 0.9 }, new Tanh<double>());
        var model = new Sequential<double>("outer", new Dense<double>(4, 5, seed: 1), new Tanh<double>(), block, new Dense<double>(5, 2, seed: 3));

        var report = GradCheck.Layer(model, Input);

        report.Blamed.ShouldBe(["block/Dense"]);
        report.Tensors.Where(t => t.Scope == CheckScope.Local).Select(t => t.Layer).Distinct()
            .ShouldBe(["Dense#1", "Tanh", "block/Dense", "block/Tanh", "Dense#2"]);
    }

    [Fact]
    public void Layers_sharing_a_name_are_told_apart_by_number()
    {
        var model = new Sequential<double>(
            new Dense<double>(4, 5, seed: 1), new Tanh<double>(), new Dense<double>(5, 2, seed: 3) { WeightGradientScale = 1.1 });

        var report = GradCheck.Layer(model, Input);

        report.Blamed.ShouldBe(["Dense#2"]);
    }

    [Fact]
    public void Single_layer_is_blamed_by_its_own_name()
    {
        var report = GradCheck.Layer(new Dense<double>(4, 3, seed: 1, name: "solo") { WeightGradientScale = 1.01 }, Input);

        report.Blamed.ShouldBe(["solo"]);
        report.Tensors.ShouldAllBe(t => t.Scope == CheckScope.EndToEnd);
    }

    [Fact]
    public void Layer_checks_can_be_turned_off_for_end_to_end_rows_only()
    {
        var report = GradCheck.Layer(
            Mlp(middle: new Dense<double>(5, 5, seed: 2, name: "middle") { WeightGradientScale = 2 }), Input, new GradCheckOptions { CheckLayers = false });

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBeEmpty();
        report.Tensors.ShouldAllBe(t => t.Scope == CheckScope.EndToEnd);
    }

    [Fact]
    public void Float_model_with_a_transposed_weight_gradient_is_blamed()
    {
        var model = new Sequential<float>(
            new Dense<float>(4, 4, seed: 1, name: "square") { WeightGradientScale = 1 },
            new Tanh<float>(),
            new TransposedGradientDense(4, seed: 2));

        var report = GradCheck.Layer(model, new GradientCase(8).Normal<float>(3, 4));

        report.Blamed.ShouldBe(["transposed"]);
    }

    private static string[] LocalFailures(GradientReport report) =>
        report.Tensors.Where(t => t.Scope == CheckScope.Local && !t.Passed).Select(t => $"{t.Layer}.{t.Tensor}").ToArray();

    private static string[] EndToEndFailures(GradientReport report) =>
        report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd && !t.Passed).Select(t => $"{t.Layer}.{t.Tensor}").ToArray();

    /// <summary>A square dense layer whose weight gradient is written transposed: the classic index bug.</summary>
    private sealed class TransposedGradientDense(int size, int seed) : ILayer<float>
    {
        private readonly Dense<float> _inner = new(size, size, seed);

        public string Name => "transposed";

        public IReadOnlyList<Parameter<float>> Parameters => _inner.Parameters;

        public Tensor<float> Forward(Tensor<float> input) => _inner.Forward(input);

        public Tensor<float>? Backward(Tensor<float> outputGradient)
        {
            var dx = _inner.Backward(outputGradient);
            var g = Parameters[0].Gradient;
            var copy = g.Clone();
            for (int i = 0; i < size; i++)
            {
                for (int j = 0; j < size; j++)
                {
                    g[i, j] = copy[j, i];
                }
            }

            return dx;
        }
    }
}
