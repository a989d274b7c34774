using GradAssert.Tests.Support;

namespace GradAssert.Tests.Checking;

/// <summary>Kinks are not bugs: elements whose ±h evaluations straddle a non-differentiable point are skipped and counted.</summary>
public sealed class KinkTests
{
    [Theory]
    [InlineData(1e-9)]
    [InlineData(-1e-9)]
    [InlineData(2e-6)]
    [InlineData(-3e-6)]
    public void Relu_input_next_to_its_kink_is_skipped_not_failed(double nearZero)
    {
        var x = new Tensor<double>([2, 3], [0.5, -1, nearZero, 0.25, 1.5, -0.75]);

        var report = GradientAssert.Layer(new Relu<double>(), x);

        report.Kinks.ShouldBe(1);
        report.Tensors.Single().Checked.ShouldBe(5);
        report.ToString().ShouldContain("1 element at kinks skipped");
    }

    [Fact]
    public void Abs_next_to_its_kink_is_skipped_in_float()
    {
        var x = new Tensor<float>([4], [0.5f, -1e-4f, 2f, 1e-3f]);

        var report = GradientAssert.Layer(new Abs<float>(), x);

        report.Kinks.ShouldBe(2);
    }

    [Fact]
    public void Wrong_derivative_next_to_a_kink_still_fails()
    {
        var x = new Tensor<double>([3], [0.5, 1e-9, -2]);

        var report = GradCheck.Layer(new Exp<double> { Derivative = v => -v }, x);

        report.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Mostly_kinks_is_reported_as_a_warning_instead_of_passing_silently()
    {
        var x = new Tensor<double>([4], [1e-9, -1e-9, 2e-9, 0.5]);

        var report = GradCheck.Layer(new Abs<double>(), x);

        report.Passed.ShouldBeTrue();
        report.Tensors.Single().MostlyKinks.ShouldBeTrue();
        report.Warnings.Single().ShouldStartWith("most elements of Abs.input (3 of 4) sat at kinks");
        report.ToString().ShouldContain("Warning: most elements of Abs.input (3 of 4) sat at kinks");
        report.ToString().ShouldContain("ok, kinks");
    }

    [Fact]
    public void Relu_network_with_inputs_at_the_kink_passes_with_kinks_counted()
    {
        var model = new Sequential<double>(new Dense<double>(3, 4, seed: 1), new Relu<double>(), new Dense<double>(4, 2, seed: 2));
        var x = new GradientCase(3).Normal<double>(5, 3);

        var report = GradientAssert.Layer(model, x);

        report.Blamed.ShouldBeEmpty();
    }
}
