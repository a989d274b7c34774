using GradAssert.Tests.Support;
using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Layers;

/// <summary>Layers with several named inputs and outputs, and losses with constant targets.</summary>
public sealed class MultiTensorLayerTests
{
    private static LayerInputs<double> Qkv(int seed)
    {
        var c = new GradientCase(seed);
        return new LayerInputs<double> { ["q"] = c.Normal<double>(3, 4), ["k"] = c.Normal<double>(5, 4), ["v"] = c.Normal<double>(5, 2) };
    }

    [Fact]
    public void Attention_over_q_k_and_v_is_checked_and_reported_by_input_name()
    {
        var report = GradCheck.Layer(new Zoo.CrossAttention<double>(), Qkv(1));

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Select(t => t.Tensor).ShouldBe(["q", "k", "v"]);
        report.Tensors.Select(t => t.Checked).ShouldBe([12, 20, 10]);
        report.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Attention_with_a_wrong_gradient_for_k_only_fails_on_k_alone_and_blames_the_layer()
    {
        var report = GradCheck.Layer(new Zoo.CrossAttention<double> { KeyGradientScale = 1.01 }, Qkv(1));

        report.Passed.ShouldBeFalse();
        report.Failures.Select(t => t.Tensor).ShouldBe(["k"]);
        report.Blamed.ShouldBe(["CrossAttention"]);
        report.ToString().ShouldContain("CrossAttention: k[");
    }

    [Fact]
    public void The_inputs_given_are_never_written_to()
    {
        var inputs = Qkv(2);
        var before = inputs.SelectMany(i => i.Value.Data).ToArray();

        GradCheck.Layer(new Zoo.CrossAttention<double> { KeyGradientScale = 2 }, inputs);

        inputs.SelectMany(i => i.Value.Data).ShouldBe(before);
    }

    [Fact]
    public void A_loss_with_a_constant_target_passes_and_lists_the_target_as_constant()
    {
        var c = new GradientCase(3);
        var inputs = new LayerInputs<double> { ["prediction"] = c.Normal<double>(4, 3) }.Constant("target", c.Normal<double>(4, 3));

        var report = GradCheck.Layer(new Zoo.MeanSquaredErrorLoss<double>(), inputs);

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Select(t => t.Tensor).ShouldBe(["prediction"]);
        report.Constants.ShouldBe(["target [4,3]"]);
        report.ToString().ShouldContain("Constant inputs (never perturbed, not compared): target [4,3]");
    }

    [Fact]
    public void A_loss_whose_gradient_misses_the_batch_mean_is_named_as_such()
    {
        var c = new GradientCase(3);
        var inputs = new LayerInputs<double> { ["prediction"] = c.Normal<double>(4, 3) }.Constant("target", c.Normal<double>(4, 3));

        var report = GradCheck.Layer(new Zoo.MeanSquaredErrorLoss<double> { GradientMissesBatchMean = true }, inputs);

        report.Passed.ShouldBeFalse();
        report.Failures.Single().ConsistentRatio.ShouldBe(4, 1e-6);
        report.ToString().ShouldContain("(12 of 12 elements off; each is 4× its numerical value, and divided by 4 every element agrees: the loss averages over the batch of 4, its gradient does not)");
    }

    [Fact]
    public void Two_inputs_and_two_outputs_are_all_checked()
    {
        var c = new GradientCase(4);
        var inputs = new LayerInputs<double> { ["a"] = c.Normal<double>(2, 3), ["b"] = c.Normal<double>(2, 3) };

        GradCheck.Layer(new SumAndProduct(), inputs).Passed.ShouldBeTrue();
        var broken = GradCheck.Layer(new SumAndProduct { MissesProductPathForA = true }, inputs);

        broken.Failures.Select(t => t.Tensor).ShouldBe(["a"]);
        broken.Outputs.ShouldBe(["sum [2,3]", "product [2,3]"]);
    }

    [Fact]
    public void A_missing_or_unknown_input_is_an_argument_error_naming_what_the_layer_takes()
    {
        var inputs = new LayerInputs<double> { ["q"] = new Tensor<double>(2, 2), ["key"] = new Tensor<double>(2, 2) };

        Should.Throw<ArgumentException>(() => GradCheck.Layer(new Zoo.CrossAttention<double>(), inputs))
            .Message.ShouldStartWith("Layer 'CrossAttention' takes the inputs 'q', 'k', 'v'; missing: 'k', 'v'; not an input of the layer: 'key'.");
    }

    [Fact]
    public void An_input_whose_gradient_is_null_without_being_declared_constant_is_a_contract_error()
    {
        var c = new GradientCase(3);
        var inputs = new LayerInputs<double> { ["prediction"] = c.Normal<double>(4, 3), ["target"] = c.Normal<double>(4, 3) };

        Should.Throw<LayerContractException>(() => GradCheck.Layer(new Zoo.MeanSquaredErrorLoss<double>(), inputs))
            .Message.ShouldContain("Backward returned null for input 'target', which is not declared constant");
    }

    [Fact]
    public void A_given_upstream_gradient_is_used_as_the_objective()
    {
        var dense = new Dense<double>(3, 2, seed: 1);
        var input = new GradientCase(5).Normal<double>(4, 3);

        var report = GradCheck.Layer(dense, input, new Tensor<double>([4, 2], [1, 0, 0, 0, 0, 0, 0, 0]));

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Single(t => t.Tensor == "b").NumericalAtWorst.ShouldBeOneOf(0, 1);
        Should.Throw<ArgumentException>(() => GradCheck.Layer(dense, input, new Tensor<double>(3, 2)))
            .Message.ShouldStartWith("The upstream gradient given for layer 'Dense' has shape [3,2], but its Forward returned shape [4,2]");
    }

    [Fact]
    public void An_upstream_gradient_per_named_output_is_the_objective_so_an_output_given_zero_checks_nothing_of_its_path()
    {
        var c = new GradientCase(4);
        var inputs = new LayerInputs<double> { ["a"] = c.Normal<double>(2, 3), ["b"] = c.Normal<double>(2, 3) };
        var layer = new SumAndProduct { MissesProductPathForA = true };

        // The loss reads the sum only (dc = 0 at an LSTM's last step): the product's missing path cannot show.
        var sumOnly = GradCheck.Layer(layer, inputs, new NamedTensors<double> { ["sum"] = c.Normal<double>(2, 3), ["product"] = new Tensor<double>(2, 3) });
        var productToo = GradCheck.Layer(layer, inputs, new NamedTensors<double> { ["sum"] = new Tensor<double>(2, 3), ["product"] = c.Normal<double>(2, 3) });

        sumOnly.Passed.ShouldBeTrue(sumOnly.ToString());
        productToo.Failures.Select(t => t.Tensor).ShouldBe(["a"]);
        productToo.Outputs.ShouldBe(["sum [2,3]", "product [2,3]"]);
    }

    [Fact]
    public void An_upstream_gradient_missing_an_output_naming_another_or_of_the_wrong_shape_is_an_argument_error_naming_the_output()
    {
        var c = new GradientCase(4);
        var inputs = new LayerInputs<double> { ["a"] = c.Normal<double>(2, 3), ["b"] = c.Normal<double>(2, 3) };
        var layer = new SumAndProduct();

        Should.Throw<ArgumentException>(() => GradCheck.Layer(layer, inputs, new NamedTensors<double> { ["sum"] = new Tensor<double>(2, 3) }))
            .Message.ShouldStartWith("The upstream gradient given for layer 'SumAndProduct' has no tensor for its output 'product': give one per output (sum, product), zeros for an output the loss does not use.");
        Should.Throw<ArgumentException>(() => GradCheck.Layer(layer, inputs, new NamedTensors<double> { ["sum"] = new Tensor<double>(2, 3), ["prod"] = new Tensor<double>(2, 3) }))
            .Message.ShouldStartWith("The upstream gradient given for layer 'SumAndProduct' names 'prod', not among the names 'sum', 'product'.");
        Should.Throw<ArgumentException>(() => GradCheck.Layer(layer, inputs, new NamedTensors<double> { ["sum"] = new Tensor<double>(3, 2), ["product"] = new Tensor<double>(2, 3) }))
            .Message.ShouldStartWith("The upstream gradient given for output 'sum' of layer 'SumAndProduct' has shape [3,2], but Forward returned 'sum' of shape [2,3]");
    }
}
