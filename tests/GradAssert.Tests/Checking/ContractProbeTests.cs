using GradAssert.Tests.Support;

namespace GradAssert.Tests.Checking;

/// <summary>Each broken rule of the layer contract gives a plain-words error naming the layer, the tensor and the index.</summary>
public sealed class ContractProbeTests
{
    private static Tensor<double> Input => new([2, 3], [0.5, -1, 2, 0.25, 1.5, -0.75]);

    [Fact]
    public void Non_deterministic_forward_is_named()
    {
        var message = Probe(new NoisyScale());

        message.ShouldContain("'Noisy'");
        message.ShouldContain("not deterministic");
        message.ShouldContain("output[1,2]");
    }

    [Fact]
    public void Forward_that_changes_its_input_is_named()
    {
        var message = Probe(new InputMutatingScale());

        message.ShouldContain("'Mutating'");
        message.ShouldContain("Forward changed its input");
        message.ShouldContain("input[0,1]");
    }

    [Fact]
    public void NaN_in_the_output_is_named()
    {
        var message = Probe(new NaNScale());

        message.ShouldContain("'NaNs'");
        message.ShouldContain("NaN");
        message.ShouldContain("output[0,2]");
    }

    [Fact]
    public void Inf_in_a_parameter_gradient_is_named()
    {
        var message = Probe(new InfGradientScale());

        message.ShouldContain("'Infs'");
        message.ShouldContain("Inf");
        message.ShouldContain("s[0]");
    }

    [Fact]
    public void Input_gradient_of_the_wrong_shape_names_both_shapes()
    {
        var message = Probe(new WrongShapeScale());

        message.ShouldContain("'WrongShape'");
        message.ShouldContain("shape [5]");
        message.ShouldContain("[2,3]");
    }

    [Fact]
    public void Cache_frozen_at_the_first_forward_is_called_stale()
    {
        var message = Probe(new FirstCallCacheScale());

        message.ShouldContain("'FrozenCache'");
        message.ShouldContain("stale");
    }

    [Fact]
    public void Cache_one_forward_behind_is_called_stale()
    {
        var message = Probe(new LaggingCacheScale());

        message.ShouldContain("'LaggingCache'");
        message.ShouldContain("stale");
        message.ShouldContain("s[0]");
    }

    [Fact]
    public void Wrong_gradient_that_ignores_the_input_is_a_mismatch_not_a_stale_cache()
    {
        var report = GradCheck.Layer(new Exp<double> { Derivative = _ => 1.0 }, Input);

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Exp"]);
    }

    [Fact]
    public void Backward_that_changes_a_parameter_is_named()
    {
        var message = Probe(new SelfUpdatingScale());

        message.ShouldContain("'SelfUpdating'");
        message.ShouldContain("changed parameter 's'");
        message.ShouldContain("s[0]");
    }

    [Fact]
    public void Forward_that_changes_its_parameter_is_named_not_called_random()
    {
        var message = Probe(new SelfShrinkingScale());

        message.ShouldContain("changed parameter 's': s[0] was 1.5 and is 1.4970015");
        message.ShouldContain("Forward must leave parameters as they are");
        message.ShouldNotContain("not deterministic");
    }

    [Fact]
    public void Outputs_that_differ_beyond_nine_digits_are_printed_in_full()
    {
        var message = Probe(new FaintlyNoisyScale());

        // Nine digits print both as 0.75.
        message.ShouldContain("not deterministic: the same input gave output[0,0] = 0.7500000000001501 and then 0.7500000000002249.");
    }

    [Fact]
    public void Gradient_that_overwrites_instead_of_accumulating_is_named_when_accumulation_is_expected()
    {
        var options = new GradCheckOptions { ExpectAccumulation = true };

        var message = Should.Throw<LayerContractException>(() => GradCheck.Layer(new OverwritingScale(), Input, options)).Message;

        message.ShouldContain("'Overwriting'");
        message.ShouldContain("does not accumulate");
        message.ShouldContain("s[0]");
        GradientAssert.Layer(new CorrectScale(), Input, options).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Overwriting_gradient_is_fine_when_accumulation_is_not_expected()
    {
        GradientAssert.Layer(new OverwritingScale(), Input).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Contract_breaker_inside_a_model_is_named_by_its_path()
    {
        var model = new Sequential<double>("model", new Tanh<double>(), new Sequential<double>("inner", new NaNScale()));

        var message = Should.Throw<LayerContractException>(() => GradCheck.Layer(model, Input)).Message;

        message.ShouldContain("'inner/NaNs'");
    }

    [Fact]
    public void Correct_layer_passes_every_probe()
    {
        GradientAssert.Layer(new CorrectScale(), Input).Passed.ShouldBeTrue();
    }

    [Fact]
    public void Probes_can_be_turned_off()
    {
        var report = GradCheck.Layer(new LaggingCacheScale(), Input, new GradCheckOptions { ProbeContract = false });

        report.Tensors.ShouldNotBeEmpty();
    }

    [Fact]
    public void Function_whose_gradient_has_the_wrong_length_is_a_contract_error()
    {
        var theta = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(3, 1.0);

        Should.Throw<LayerContractException>(() => GradCheck.Function(t => t.Sum(), _ => MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(2, 1.0), theta))
            .Message.ShouldContain("shape [2]");
    }

    private static string Probe(ILayer<double> layer) =>
        Should.Throw<LayerContractException>(() => GradCheck.Layer(layer, Input)).Message;
}
