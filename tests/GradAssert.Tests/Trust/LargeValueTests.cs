using GradAssert.Tests.Support;

namespace GradAssert.Tests.Trust;

/// <summary>Correct layers pass up to the point where their own output overflows; there, the words say so.</summary>
public sealed class LargeValueTests
{
    [Theory]
    [InlineData(1e100)]
    [InlineData(1e160)]
    [InlineData(1e250)]
    [InlineData(1e300)]
    public void Correct_dense_layer_passes_on_huge_inputs(double magnitude)
    {
        var report = GradCheck.Layer(new Dense<double>(3, 2, seed: 1), Scaled(magnitude));

        report.Passed.ShouldBeTrue(report.ToString());
        double.IsFinite(report.Difference).ShouldBeTrue();
    }

    [Theory]
    [InlineData(1e160)]
    [InlineData(1e300)]
    public void Wrong_dense_layer_still_fails_on_huge_inputs(double magnitude)
    {
        var report = GradCheck.Layer(new Dense<double>(3, 2, seed: 1) { InputGradientScale = 1.01 }, Scaled(magnitude));

        report.Passed.ShouldBeFalse(report.ToString());
        report.Blamed.ShouldBe(["Dense"]);
        report.Failures.ShouldAllBe(t => t.Tensor == "input");
    }

    [Fact]
    public void Correct_model_passes_on_huge_inputs_end_to_end_too()
    {
        var model = new Sequential<double>(new Dense<double>(3, 4, seed: 1), new Dense<double>(4, 2, seed: 2));

        var report = GradCheck.Layer(model, Scaled(1e200));

        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void A_fixed_step_below_the_values_resolution_is_rejected_naming_the_element()
    {
        var error = Should.Throw<ArgumentException>(() => GradCheck.Layer(new Dense<double>(3, 2, seed: 1), Scaled(1e10), new GradCheckOptions { Step = StepSize.Fixed(1e-7) }));

        error.ParamName.ShouldBe("options");
        error.Message.ShouldStartWith("The fixed step h = 1E-07 is below the resolution of ");
        error.Message.ShouldContain("x + h rounds back to x");
    }

    private static Tensor<double> Scaled(double magnitude)
    {
        var input = new GradientCase(2).Normal<double>(4, 3);
        for (int i = 0; i < input.Length; i++)
        {
            input.Data[i] *= magnitude;
        }

        return input;
    }
}
