using GradAssert.Tests.Support;

namespace GradAssert.Tests.Trust;

/// <summary>What a layer returns that the checker cannot use gets a contract error naming the layer and the fix, never a raw crash.</summary>
public sealed class ContractErrorTests
{
    private static Tensor<double> Input() => new GradientCase(5).Normal<double>(2, 3);

    [Fact]
    public void Null_parameter_list_is_a_contract_error()
    {
        Should.Throw<LayerContractException>(() => GradCheck.Layer(new Misbehaving { NullParameters = true }, Input()))
            .Message.ShouldBe("Layer 'Misbehaving' breaks the layer contract. Parameters returned null; return an empty list for a layer without parameters.");
    }

    [Fact]
    public void Null_entry_in_the_parameter_list_is_a_contract_error_naming_its_position()
    {
        Should.Throw<LayerContractException>(() => GradCheck.Layer(new Misbehaving { NullEntryInParameters = true }, Input()))
            .Message.ShouldContain("Parameters[1] is null");
    }

    [Fact]
    public void Forward_returning_null_is_a_contract_error()
    {
        Should.Throw<LayerContractException>(() => GradCheck.Layer(new Misbehaving { NullOutput = true }, Input()))
            .Message.ShouldContain("Forward returned null");
    }

    [Fact]
    public void Null_name_is_a_contract_error_naming_the_type()
    {
        Should.Throw<LayerContractException>(() => GradCheck.Layer(new Misbehaving { NullName = true }, Input()))
            .Message.ShouldBe("A layer of type Misbehaving breaks the layer contract. Its Name is null; return a name for the report, or leave Name out: the default is the type's name.");
    }

    [Fact]
    public void Null_name_of_a_layer_inside_a_model_is_a_contract_error_too()
    {
        var model = new Sequential<double>(new Dense<double>(3, 3, seed: 1), new Misbehaving { NullName = true });

        Should.Throw<LayerContractException>(() => GradCheck.Layer(model, Input())).Message.ShouldContain("Its Name is null");
    }

    [Fact]
    public void Lazily_built_parameters_are_a_contract_error_that_says_how_to_check_such_a_layer()
    {
        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(new Misbehaving { BuildsLazily = true }, Input()));

        error.Message.ShouldContain("Its Parameters changed after its first Forward: it listed no parameters before and 1 (s [1]) after.");
        error.Message.ShouldContain("call Forward once first");
    }

    [Fact]
    public void Lazily_built_layer_inside_a_model_is_named()
    {
        var model = new Sequential<double>(new Dense<double>(3, 3, seed: 1), new Misbehaving("Lazy") { BuildsLazily = true });

        Should.Throw<LayerContractException>(() => GradCheck.Layer(model, Input())).Message.ShouldStartWith("Layer 'Lazy' breaks the layer contract. Its Parameters changed");
    }

    [Fact]
    public void Exception_from_backward_keeps_its_type_and_stack_and_gains_the_layer_and_the_call()
    {
        var error = Should.Throw<ArithmeticException>(() => GradCheck.Layer(new Misbehaving { ThrowsFromBackward = true }, Input()));

        error.Message.ShouldBe("Layer 'Misbehaving' threw from Backward during the stale-cache probe (on the input with its values shuffled): backward blew up");
        error.InnerException.ShouldBeOfType<ArithmeticException>().Message.ShouldBe("backward blew up");
        error.StackTrace.ShouldNotBeNull().ShouldContain("Misbehaving.Backward");
    }

    [Fact]
    public void An_exception_type_without_a_message_and_inner_constructor_is_rethrown_as_it_was_with_the_context_in_its_data()
    {
        var error = Should.Throw<OddException>(() => GradCheck.Layer(new ThrowsOdd(), Input()));

        error.Message.ShouldBe("odd");
        error.Data["GradAssert.Context"].ShouldBe("Layer 'ThrowsOdd' threw from Forward during the stale-cache probe (on the input with its values shuffled)");
    }

    private sealed class OddException() : Exception("odd");

    private sealed class ThrowsOdd : ILayer<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => [];

        public Tensor<double> Forward(Tensor<double> input) => throw new OddException();

        public Tensor<double>? Backward(Tensor<double> outputGradient) => outputGradient;
    }
}
