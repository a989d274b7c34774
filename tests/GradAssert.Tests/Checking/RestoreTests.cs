using GradAssert.Tests.Support;

namespace GradAssert.Tests.Checking;

/// <summary>Nothing lost: every parameter value, gradient buffer and input is bit for bit what it was after a check.</summary>
public sealed class RestoreTests
{
    [Fact]
    public void Everything_is_restored_bit_for_bit_after_a_passing_check()
    {
        var model = Model(bug: false);
        var input = AwkwardInput();
        var before = Capture(model, input);

        GradientAssert.Layer(model, input);

        Capture(model, input).ShouldBe(before);
    }

    [Fact]
    public void Everything_is_restored_bit_for_bit_after_a_failing_check()
    {
        var model = Model(bug: true);
        var input = AwkwardInput();
        var before = Capture(model, input);

        Should.Throw<GradientCheckException>(() => GradientAssert.Layer(model, input));

        Capture(model, input).ShouldBe(before);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gradients_holding_values_before_the_check_are_restored_bit_for_bit(bool bug)
    {
        // Zero gradients are remembered as zeros, others copied: a negative zero or a subnormal must come back as it was.
        var model = Model(bug);
        var gradient = model.Parameters[0].Gradient.Data;
        (gradient[0], gradient[1], gradient[2]) = (-0.0, 4.9e-320, 0.1 + 0.2);
        Array.Fill(model.Parameters[1].Gradient.Data, -0.0);
        var input = AwkwardInput();
        var before = Capture(model, input);

        GradCheck.Layer(model, input);

        Capture(model, input).ShouldBe(before);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(15)]
    public void Everything_is_restored_when_the_layer_throws_part_way(int throwOnCall)
    {
        var layer = new ThrowingScale(throwOnCall);
        var input = AwkwardInput();
        var before = Capture(layer, input);

        var error = Should.Throw<InvalidOperationException>(() => GradCheck.Layer(layer, input));

        Capture(layer, input).ShouldBe(before);
        error.Message.ShouldStartWith("Layer 'Throwing' threw from Forward ");
        error.Message.ShouldEndWith(": boom");
        error.InnerException.ShouldBeOfType<InvalidOperationException>().Message.ShouldBe("boom");
        error.StackTrace.ShouldNotBeNull().ShouldContain(nameof(ThrowingScale));
    }

    [Fact]
    public void Everything_is_restored_when_a_contract_probe_fails()
    {
        var layer = new SelfUpdatingScale();
        var input = AwkwardInput();
        var before = Capture(layer, input);

        Should.Throw<LayerContractException>(() => GradCheck.Layer(layer, input));

        Capture(layer, input).ShouldBe(before);
    }

    [Fact]
    public void Theta_of_the_function_form_is_never_written_to()
    {
        var theta = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([0.1, -0.0, 1e-310, 3]);
        var bits = theta.Select(BitConverter.DoubleToInt64Bits).ToArray();

        GradCheck.Function(t => t.Sum(v => v * v), t => t * 2.5, theta);

        theta.Select(BitConverter.DoubleToInt64Bits).ShouldBe(bits);
    }

    private static Sequential<double> Model(bool bug) => new(
        new Dense<double>(4, 3, seed: 1) { WeightGradientScale = bug ? 1.2 : 1 }, new Tanh<double>(), new Dense<double>(3, 2, seed: 2));

    /// <summary>An input with a negative zero and a subnormal, whose bits a careless restore would change.</summary>
    private static Tensor<double> AwkwardInput()
    {
        var x = new GradientCase(5).Normal<double>(2, 4);
        x.Data[0] = -0.0;
        x.Data[1] = 4.9e-320;
        x.Data[2] = 0.1 + 0.2;
        return x;
    }

    private static long[] Capture(ILayer<double> layer, Tensor<double> input) =>
        layer.Parameters.SelectMany(p => p.Value.Data.Concat(p.Gradient.Data))
            .Concat(input.Data)
            .Select(BitConverter.DoubleToInt64Bits)
            .ToArray();
}
