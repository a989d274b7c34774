using GradAssert.Fixtures;
using GradAssert.Shouldly;

namespace GradAssert.Adapters.Tests;

public sealed class ShouldlyExtensionsTests
{
    private static Tensor<double> Input(int batch, int inputs) => new GradientCase(3).Normal<double>(batch, inputs);

    [Fact]
    public void A_correct_layer_passes_and_returns_its_report()
    {
        var dense = new BatchDense(3, 2, 1);

        var report = dense.ShouldPassGradientCheck(Input(4, 3));

        report.Passed.ShouldBeTrue();
        report.Model.ShouldBe("Dense");
    }

    [Fact]
    public void A_wrong_gradient_fails_with_a_shouldly_sentence_and_the_per_layer_table()
    {
        var dense = new BatchDense(3, 2, 1) { BiasSumsFirstRowOnly = true };
        var input = Input(4, 3);
        var table = GradCheck.Layer(dense, input).ToString().TrimEnd();

        var error = Should.Throw<ShouldAssertException>(() => dense.ShouldPassGradientCheck(input));

        error.Message.ShouldStartWith("dense\n    should pass gradient check but\n1 gradient of 1 layer disagreed with finite differences; its own backward is wrong in Dense:\n\n");
        error.Message.ShouldEndWith(table);
    }

    [Fact]
    public void A_custom_message_is_added_as_additional_info()
    {
        var dense = new BatchDense(3, 2, 1) { BiasSumsFirstRowOnly = true };

        var error = Should.Throw<ShouldAssertException>(() => dense.ShouldPassGradientCheck(Input(4, 3), new GradCheckOptions { Seed = 9 }, "after the refactor"));

        error.Message.ShouldEndWith("\n\nAdditional Info:\n    after the refactor");
        error.Message.ShouldContain("seed 9");
    }

    [Fact]
    public void A_contract_violation_fails_with_the_contract_error_inside()
    {
        var dense = new BatchDense(3, 2, 1) { InputGradientTooWide = true };

        var error = Should.Throw<ShouldAssertException>(() => dense.ShouldPassGradientCheck(Input(2, 3)));

        error.Message.ShouldStartWith("dense\n    should pass gradient check but\nbroke the layer contract:\n");
        error.InnerException.ShouldBeOfType<LayerContractException>();
        error.Message.ShouldContain(error.InnerException!.Message);
    }

    [Fact]
    public void ShouldPass_returns_a_passing_report_and_fails_a_failing_one_with_its_table()
    {
        var passing = GradCheck.Layer(new BatchDense(2, 2, 1), Input(3, 2));
        var failing = GradCheck.Layer(new BatchDense(2, 2, 1) { BiasSumsFirstRowOnly = true }, Input(3, 2));

        passing.ShouldPass().ShouldBeSameAs(passing);
        var error = Should.Throw<ShouldAssertException>(() => failing.ShouldPass());
        error.Message.ShouldStartWith("failing\n    should pass gradient check but\n");
        error.Message.ShouldContain(failing.ToString().TrimEnd());
    }

    [Fact]
    public void A_layer_with_named_inputs_passes_or_fails_the_shouldly_way()
    {
        var inputs = new LayerInputs<double> { ["a"] = Input(2, 3), ["b"] = Input(2, 3) };

        new Product().ShouldPassGradientCheck(inputs).Tensors.Select(t => t.Tensor).ShouldBe(["a", "b"]);
        var broken = new Product { HalvesGradientOfB = true };
        Should.Throw<ShouldAssertException>(() => broken.ShouldPassGradientCheck(inputs))
            .Message.ShouldStartWith("broken\n    should pass gradient check but\n1 gradient of 1 layer disagreed with finite differences");
    }

    [Fact]
    public void A_generic_layer_fails_naming_its_exact_derivatives_as_what_it_disagreed_with()
    {
        var scale = new Fixtures.ElementwiseScale<double>(3, 1) { WeightGradientDoubled = true };

        Should.Throw<ShouldAssertException>(() => scale.ShouldPassGradientCheck(Input(2, 3)))
            .Message.ShouldStartWith("scale\n    should pass gradient check but\n1 gradient of 1 layer disagreed with their exact derivatives; its own backward is wrong in Scale:\n\n");
    }

    /// <summary>(a, b) → a ⊙ b.</summary>
    private sealed class Product : IMultiTensorLayer<double>
    {
        private Tensor<double> _a = new(0), _b = new(0);

        public bool HalvesGradientOfB { get; init; }

        public IReadOnlyList<Parameter<double>> Parameters => [];

        public IReadOnlyList<string> InputNames => ["a", "b"];

        public IReadOnlyList<string> OutputNames => ["product"];

        public IReadOnlyList<Tensor<double>> Forward(IReadOnlyList<Tensor<double>> inputs)
        {
            (_a, _b) = (inputs[0].Clone(), inputs[1].Clone());
            return [new Tensor<double>(_a.Shape.ToArray(), _a.Data.Zip(_b.Data, (x, y) => x * y).ToArray())];
        }

        public IReadOnlyList<Tensor<double>?> Backward(IReadOnlyList<Tensor<double>> outputGradients)
        {
            var dy = outputGradients[0];
            double half = HalvesGradientOfB ? 0.5 : 1;
            return
            [
                new Tensor<double>(dy.Shape.ToArray(), dy.Data.Zip(_b.Data, (g, y) => g * y).ToArray()),
                new Tensor<double>(dy.Shape.ToArray(), dy.Data.Zip(_a.Data, (g, x) => g * x * half).ToArray()),
            ];
        }
    }
}
