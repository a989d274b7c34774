using GradAssert.Tests.Support;

namespace GradAssert.Tests.Tensors;

public sealed class SequentialTests
{
    [Fact]
    public void Empty_model_is_rejected()
    {
        Should.Throw<ArgumentException>(() => new Sequential<double>("empty")).Message.ShouldContain("at least one layer");
    }

    [Fact]
    public void Same_layer_instance_twice_is_rejected()
    {
        var layer = new Tanh<double>();

        Should.Throw<ArgumentException>(() => new Sequential<double>(layer, layer)).Message.ShouldContain("same object");
    }

    [Fact]
    public void Forward_applies_layers_in_order_and_parameters_follow_layer_order()
    {
        var first = new Dense<double>(2, 3, seed: 1, name: "first");
        var second = new Dense<double>(3, 1, seed: 2, name: "second");
        var model = new Sequential<double>(first, second);
        var x = new Tensor<double>([1, 2], [0.5, -1]);

        var y = model.Forward(x);

        y.Data.ShouldBe(second.Forward(first.Forward(x)).Data);
        model.Parameters.ShouldBe([.. first.Parameters, .. second.Parameters]);
        model.Name.ShouldBe("Sequential");
    }
}
