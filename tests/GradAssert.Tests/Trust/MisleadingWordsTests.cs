using GradAssert.Tests.Support;

namespace GradAssert.Tests.Trust;

/// <summary>Each message names the real cause, not a symptom further down.</summary>
public sealed class MisleadingWordsTests
{
    private static Tensor<double> InputWithNaN()
    {
        var input = new GradientCase(5).Normal<double>(2, 3);
        input[1, 2] = double.NaN;
        return input;
    }

    [Fact]
    public void NaN_in_the_input_names_the_input_not_a_parameter_gradient()
    {
        var error = Should.Throw<ArgumentException>(() => GradCheck.Layer(new Dense<double>(3, 2, seed: 1), InputWithNaN()));

        error.ParamName.ShouldBe("input");
        error.Message.ShouldStartWith("The input of layer 'Dense' holds NaN at input[1,2]: a gradient check needs finite inputs");
    }

    [Fact]
    public void NaN_that_a_relu_would_swallow_is_named_before_the_relu_is_blamed()
    {
        Should.Throw<ArgumentException>(() => GradCheck.Layer(new Relu<double>(), InputWithNaN())).Message.ShouldContain("holds NaN at input[1,2]");
    }

    [Fact]
    public void NaN_in_a_models_input_names_the_input()
    {
        var model = new Sequential<double>(new Relu<double>(), new Dense<double>(3, 2, seed: 1));

        Should.Throw<ArgumentException>(() => GradCheck.Layer(model, InputWithNaN())).Message.ShouldContain("holds NaN at input[1,2]");
    }

    [Fact]
    public void An_accumulator_that_is_never_zeroed_is_named_as_such_not_as_a_stale_cache()
    {
        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(new Misbehaving { NeverZeroesItsAccumulator = true }, new GradientCase(5).Normal<double>(2, 3)));

        error.Message.ShouldContain("Backward accumulates across calls into a buffer the checker does not zero");
        error.Message.ShouldNotContain("stale cache");
    }

    [Fact]
    public void Overflowing_output_says_it_overflowed()
    {
        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(new Dense<double>(3, 2, seed: 1), Filled(1e308)));

        error.Message.ShouldContain(" holds Inf at ");
        error.Message.ShouldContain("The computation overflowed the range of double");
    }

    private static Tensor<double> Filled(double value)
    {
        var t = new Tensor<double>(2, 3);
        Array.Fill(t.Data, value);
        return t;
    }

    [Fact]
    public void NaN_in_a_parameter_names_the_parameter_before_anything_runs()
    {
        var layer = new Dense<double>(3, 2, seed: 1);
        layer.Parameters[0].Value[1, 0] = double.NaN;

        Should.Throw<LayerContractException>(() => GradCheck.Layer(layer, new GradientCase(5).Normal<double>(2, 3)))
            .Message.ShouldBe("Layer 'Dense' breaks the layer contract. Parameter 'W' holds NaN at W[1,0] before the check: a layer's parameters must be finite. Initialise them, or find what wrote the NaN.");
    }

    [Theory]
    [InlineData(Reference.Differences)]
    [InlineData(Reference.Auto)]
    public void A_layer_whose_every_element_sits_at_a_kink_fails_for_comparing_nothing(Reference reference)
    {
        // The exact derivative at a kink is the slope of the branch the code takes, which a backward may well share:
        // it confirms nothing there that differences could not, and the check must still fail.
        var report = GradCheck.Layer(new Relu<double>(), new Tensor<double>([2, 2], [0, 0, 0, 0]), new GradCheckOptions { Reference = reference });

        report.Passed.ShouldBeFalse(report.ToString());
        report.Problems.ShouldHaveSingleItem().ShouldContain("all 4 elements sat at kinks and were left out");
    }
}
