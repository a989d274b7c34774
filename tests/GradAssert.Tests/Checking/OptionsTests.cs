namespace GradAssert.Tests.Checking;

public sealed class OptionsTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Error_model_safety_factor_below_one_or_not_finite_is_rejected(double factor)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Tolerance.ErrorModel(factor));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1e-7)]
    [InlineData(double.NaN)]
    public void Threshold_must_be_positive(double threshold)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Tolerance.NormalizedDifference(threshold));
    }

    [Fact]
    public void All_close_needs_some_tolerance()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Tolerance.AllClose(0, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Tolerance.AllClose(-1, 0.1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1e-3)]
    [InlineData(double.PositiveInfinity)]
    public void Fixed_step_must_be_finite_and_positive(double h)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => StepSize.Fixed(h));
    }

    [Fact]
    public void Defaults_are_the_error_model_the_auto_step_central_differences_and_probes()
    {
        var options = new GradCheckOptions();

        options.Tolerance.ShouldBe(Tolerance.Auto);
        options.Step.ShouldBe(StepSize.Auto);
        options.Scheme.ShouldBe(DifferenceScheme.Central);
        options.Mode.ShouldBe(CheckMode.Auto);
        options.ProbeContract.ShouldBeTrue();
        options.CheckLayers.ShouldBeTrue();
        options.Seed.ShouldBeNull();
    }

    [Fact]
    public void Unsupported_element_type_is_rejected_before_anything_runs()
    {
        var layer = new HalfLayer();

        Should.Throw<NotSupportedException>(() => GradCheck.Layer(layer, new Tensor<Half>(2))).Message.ShouldContain("Half");
        layer.Calls.ShouldBe(0);
    }

    private sealed class HalfLayer : ILayer<Half>
    {
        public int Calls { get; private set; }

        public IReadOnlyList<Parameter<Half>> Parameters => [];

        public Tensor<Half> Forward(Tensor<Half> input)
        {
            Calls++;
            return input.Clone();
        }

        public Tensor<Half>? Backward(Tensor<Half> outputGradient) => outputGradient;
    }
}
