using GradAssert.Tests.Support;

namespace GradAssert.Tests.Trust;

/// <summary>
/// One weight used by two layers (an unrolled RNN, tied embeddings) is judged as what it is: the sum of the layers'
/// partial gradients against the numerical gradient of the shared storage, said in words.
/// </summary>
public sealed class SharedWeightTests
{
    private static Tensor<double> Input() => new GradientCase(6).Normal<double>(3, 4);

    private static Tensor<double> Weights() => new([4], [0.9, -1.1, 0.6, 1.3]);

    [Fact]
    public void One_parameter_used_by_two_layers_that_both_accumulate_passes_and_says_it_is_shared()
    {
        var w = new Parameter<double>("W", Weights());
        var model = new Sequential<double>("rnn", new SharedScale("Cell", w), new Tanh<double>(), new SharedScale("Cell", w));

        var report = GradCheck.Layer(model, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        var row = report.Tensors.Single(t => t.Scope == CheckScope.EndToEnd && t.Tensor == "W");
        row.SharedWith.ShouldBe(["Cell#2"]);
        report.ToString().ShouldContain("Shared: W is shared by Cell#1 and Cell#2 (one Parameter); their gradients are summed");
    }

    [Fact]
    public void Shared_parameter_whose_second_user_assigns_instead_of_adding_is_named()
    {
        var w = new Parameter<double>("W", Weights());
        var model = new Sequential<double>("rnn", new SharedScale("Cell", w), new Tanh<double>(), new SharedScale("Cell", w) { Assigns = true });

        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(model, Input()));

        error.Message.ShouldStartWith("Layer 'Cell#2' breaks the layer contract. Backward assigns the gradient of 'W' instead of adding to it, but W is shared with Cell#1");
    }

    [Fact]
    public void Two_parameters_over_one_array_each_with_its_own_part_pass()
    {
        var values = Weights();
        var first = new Parameter<double>("W", values, new Tensor<double>(4));
        var second = new Parameter<double>("W", values, new Tensor<double>(4));
        var model = new Sequential<double>("tied", new SharedScale("Encoder", first), new Tanh<double>(), new SharedScale("Decoder", second));

        var report = GradCheck.Layer(model, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.ToString().ShouldContain("Shared: W is shared by Encoder and Decoder (two parameters over one array); their gradients are summed");
    }

    [Fact]
    public void Two_parameters_over_one_array_that_each_hold_the_whole_gradient_fail_as_a_double_update()
    {
        var values = Weights();
        var firstGradient = new Tensor<double>(4);
        var secondGradient = new Tensor<double>(4);
        var first = new Parameter<double>("W", values, firstGradient);
        var second = new Parameter<double>("W", values, secondGradient);
        var model = new Sequential<double>(
            "tied",
            new SharedScale("Encoder", first) { AlsoAddsTo = secondGradient },
            new Tanh<double>(),
            new SharedScale("Decoder", second) { AlsoAddsTo = firstGradient });

        var report = GradCheck.Layer(model, Input());

        report.Passed.ShouldBeFalse();
        var row = report.Tensors.Single(t => t.Scope == CheckScope.EndToEnd && t.Tensor == "W");
        row.Passed.ShouldBeFalse();
        row.ConsistentRatio.ShouldBe(2, 1e-6);
        report.ToString().ShouldContain("the gradients of W summed over Encoder and Decoder are 2× the numerical gradient of the shared storage");
    }

    [Fact]
    public void Shared_weights_are_left_as_they_were()
    {
        var w = new Parameter<double>("W", Weights());
        var before = w.Value.Data.Concat(w.Gradient.Data).ToArray();

        GradCheck.Layer(new Sequential<double>(new SharedScale("Cell", w), new SharedScale("Cell", w)), Input());

        w.Value.Data.Concat(w.Gradient.Data).ShouldBe(before);
    }
}
