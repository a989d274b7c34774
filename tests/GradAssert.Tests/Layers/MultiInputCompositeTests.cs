using GradAssert.Tests.Support;
using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Layers;

/// <summary>
/// Composites with several inputs, and sub-layers with several inputs, checked as single-input composites are: each
/// call alone on what it received, rows labelled by path, blame on the call that is wrong or on the composite's own code.
/// </summary>
public sealed class MultiInputCompositeTests
{
    private static LayerInputs<double> Sequence(int seed)
    {
        var c = new GradientCase(seed);
        return new LayerInputs<double> { ["x"] = c.Normal<double>(3, 2, 3), ["h0"] = c.Normal<double>(2, 4) };
    }

    [Fact]
    public void A_recurrent_encoder_checks_each_call_of_its_cell_alone_on_the_inputs_it_received()
    {
        var report = GradCheck.Layer(new Zoo.RecurrentEncoder<double>(3, 4, 2, seed: 1), Sequence(4));

        report.Passed.ShouldBeTrue(report.ToString());
        var alone = report.Tensors.Where(t => t.Scope == CheckScope.Local).Select(t => $"{t.Layer}.{t.Tensor}");
        alone.ShouldBe(
        [
            "RnnCell#1.Wx", "RnnCell#1.Wh", "RnnCell#1.b", "RnnCell#1.x", "RnnCell#1.h",
            "RnnCell#2.Wx", "RnnCell#2.Wh", "RnnCell#2.b", "RnnCell#2.x", "RnnCell#2.h",
            "RnnCell#3.Wx", "RnnCell#3.Wh", "RnnCell#3.b", "RnnCell#3.x", "RnnCell#3.h",
            "Dense.W", "Dense.b", "Dense.input",
        ]);
        report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd).Select(t => $"{t.Layer}.{t.Tensor}")
            .ShouldBe(["RnnCell#1.Wx", "RnnCell#1.Wh", "RnnCell#1.b", "Dense.W", "Dense.b", "Encoder.x", "Encoder.h0"]);
    }

    [Fact]
    public void A_bug_in_the_cell_is_blamed_on_the_cells_calls_not_on_the_encoder()
    {
        var cell = new Zoo.RnnCell<double>(3, 4, seed: 1) { RecurrentGradientScale = 1.5 };

        var report = GradCheck.Layer(new Zoo.RecurrentEncoder<double>(3, 4, 2, seed: 1, cell), Sequence(4));

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["RnnCell#1", "RnnCell#2", "RnnCell#3"]);
        report.ToString().ShouldContain("RnnCell#2: Wh[");
    }

    [Fact]
    public void A_bug_in_the_encoders_own_code_between_its_calls_is_blamed_on_the_encoder()
    {
        var report = GradCheck.Layer(new Zoo.RecurrentEncoder<double>(3, 4, 2, seed: 1) { TruncatesBackwardThroughTime = true }, Sequence(4));

        report.Blamed.ShouldBe(["Encoder"]);
        report.ToString().ShouldContain("Encoder (its own code, between its sub-layers: each of them passes alone)");
    }

    [Fact]
    public void A_composite_with_two_inputs_labels_its_sub_layers_rows_by_owner_and_blames_the_wrong_one()
    {
        var c = new GradientCase(5);
        var inputs = new LayerInputs<double> { ["a"] = c.Normal<double>(2, 3), ["b"] = c.Normal<double>(2, 4) };

        var right = GradCheck.Layer(new TwoTowers(seed: 1), inputs);
        var wrong = GradCheck.Layer(new TwoTowers(seed: 1, secondWeightGradientScale: 1.01), inputs);

        right.Passed.ShouldBeTrue(right.ToString());
        right.Tensors.Where(t => t.Scope == CheckScope.EndToEnd).Select(t => $"{t.Layer}.{t.Tensor}")
            .ShouldBe(["Dense#1.W", "Dense#1.b", "Dense#2.W", "Dense#2.b", "TwoTowers.a", "TwoTowers.b"]);
        wrong.Blamed.ShouldBe(["Dense#2"]);
    }

    [Fact]
    public void A_one_input_layer_that_calls_a_cell_with_two_inputs_blames_the_cell()
    {
        var input = new GradientCase(6).Normal<double>(2, 2, 3);

        var right = GradCheck.Layer(new SequenceEncoder(new Zoo.RnnCell<double>(3, 4, seed: 2)), input);
        var wrong = GradCheck.Layer(new SequenceEncoder(new Zoo.RnnCell<double>(3, 4, seed: 2) { RecurrentGradientScale = 2 }), input);

        right.Passed.ShouldBeTrue(right.ToString());
        right.Tensors.Where(t => t.Scope == CheckScope.Local).Select(t => t.Layer).Distinct().ShouldBe(["RnnCell#1", "RnnCell#2"]);
        wrong.Blamed.ShouldBe(["RnnCell#2"]); // the first step starts from a zero state, where dL/dWh is zero and right
    }

    [Fact]
    public void A_sub_layer_input_its_backward_does_not_differentiate_is_held_constant_in_its_own_check()
    {
        var c = new GradientCase(7);
        var inputs = new LayerInputs<double> { ["prediction"] = c.Normal<double>(4, 3) }.Constant("target", c.Normal<double>(4, 3));

        var report = GradCheck.Layer(new LossOfDense(), inputs);

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Where(t => t.Layer == "MSE").Select(t => t.Tensor).ShouldBe(["prediction"]);
    }

    [Fact]
    public void Named_calls_give_the_sub_layers_outputs_by_name_and_refuse_a_missing_input()
    {
        var cell = new Zoo.RnnCell<double>(3, 4, seed: 2);
        var x = new GradientCase(8).Normal<double>(2, 3);

        var h = cell.Call(new NamedTensors<double> { ["x"] = x, ["h"] = new Tensor<double>(2, 4) })["h"];

        h.Shape.ShouldBe([2, 4]);
        Should.Throw<ArgumentException>(() => cell.Call(new NamedTensors<double> { ["x"] = x }))
            .Message.ShouldBe("RnnCell was called without its input 'h'. (Parameter 'inputs')");
        Should.Throw<ArgumentException>(() => cell.Call(new NamedTensors<double> { ["x"] = x, ["hidden"] = h }))
            .Message.ShouldStartWith("RnnCell was called with inputs named 'hidden', not among the names 'x', 'h'.");
    }

    [Fact]
    public void A_named_layer_that_returns_an_output_under_another_name_is_told_which()
    {
        var inputs = new LayerInputs<double> { ["x"] = new GradientCase(9).Normal<double>(2, 3) };

        Should.Throw<ArgumentException>(() => GradCheck.Layer(new MisnamedOutput(), inputs))
            .Message.ShouldContain("Forward returned 'out', not among the names 'y'.");
    }

    [Fact]
    public void A_parameter_of_the_layers_own_named_like_an_input_is_refused_one_a_sub_layer_owns_is_not()
    {
        var c = new GradientCase(5);
        var inputs = new LayerInputs<double> { ["a"] = c.Normal<double>(2, 3), ["b"] = c.Normal<double>(2, 3) };

        Should.Throw<ArgumentException>(() => GradCheck.Layer(new ShiftedSum(), inputs))
            .Message.ShouldStartWith("Layer 'ShiftedSum' has a parameter and an input both named 'b': the report could not tell their rows apart.");
    }

    /// <summary>out = a + b + its own parameter b: a name clash within the layer itself.</summary>
    private sealed class ShiftedSum : IMultiTensorLayer<double>
    {
        private readonly Parameter<double> _b = new("b", new Tensor<double>(3));

        public IReadOnlyList<Parameter<double>> Parameters => [_b];

        public IReadOnlyList<string> InputNames => ["a", "b"];

        public IReadOnlyList<string> OutputNames => ["out"];

        public IReadOnlyList<Tensor<double>> Forward(IReadOnlyList<Tensor<double>> inputs) =>
            [new(inputs[0].Shape.ToArray(), inputs[0].Data.Select((a, i) => a + inputs[1].Data[i] + _b.Value.Data[i % 3]).ToArray())];

        public IReadOnlyList<Tensor<double>?> Backward(IReadOnlyList<Tensor<double>> outputGradients)
        {
            for (int i = 0; i < outputGradients[0].Length; i++)
            {
                _b.Gradient.Data[i % 3] += outputGradients[0].Data[i];
            }

            return [outputGradients[0].Clone(), outputGradients[0].Clone()];
        }
    }

    /// <summary>A composite that feeds a dense layer into a loss with a target: the loss's target is constant in its own check.</summary>
    private sealed class LossOfDense : IMultiTensorLayer<double>
    {
        private readonly Dense<double> _dense = new(3, 3, seed: 4);
        private readonly Zoo.MeanSquaredErrorLoss<double> _loss = new();

        public IReadOnlyList<Parameter<double>> Parameters => _dense.Parameters;

        public IReadOnlyList<string> InputNames => ["prediction", "target"];

        public IReadOnlyList<string> OutputNames => ["loss"];

        public IReadOnlyList<Tensor<double>> Forward(IReadOnlyList<Tensor<double>> inputs) => _loss.Call(_dense.Call(inputs[0]), inputs[1]);

        public IReadOnlyList<Tensor<double>?> Backward(IReadOnlyList<Tensor<double>> outputGradients) =>
            [_dense.Backward(_loss.Backward(outputGradients)[0]!), null];
    }

    /// <summary>Says its output is "y" but returns it as "out".</summary>
    private sealed class MisnamedOutput : INamedTensorLayer<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => [];

        public IReadOnlyList<string> InputNames => ["x"];

        public IReadOnlyList<string> OutputNames => ["y"];

        public NamedTensors<double> Forward(NamedTensors<double> inputs) => new() { ["out"] = inputs["x"].Clone() };

        public NamedTensors<double> Backward(NamedTensors<double> outputGradients) => new() { ["x"] = outputGradients["y"] };
    }
}
