using System.Numerics;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Checking;

/// <summary>The engine on functions whose derivatives are known: right ones pass, wrong ones fail, in float and double.</summary>
public sealed class KnownDerivativeTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cubic_polynomial_passes_in_double(int seed) => PassesOnRandomInput(new Cubic<double>(0.7, -1.3, 2.1), seed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Cubic_polynomial_passes_in_float(int seed) => PassesOnRandomInput(new Cubic<float>(0.7, -1.3, 2.1), seed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Exp_passes_in_double(int seed) => PassesOnRandomInput(new Exp<double>(), seed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Exp_passes_in_float(int seed) => PassesOnRandomInput(new Exp<float>(), seed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Softmax_passes_in_double(int seed) => PassesOnRandomInput(new Softmax<double>(), seed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Softmax_passes_in_float(int seed) => PassesOnRandomInput(new Softmax<float>(), seed);

    [Fact]
    public void Softmax_with_large_logits_passes_in_float()
    {
        var x = new GradientCase(11).Uniform<float>(-60, 60, 4, 7);

        GradientAssert.Layer(new Softmax<float>(), x);
    }

    [Fact]
    public void Saturated_tanh_whose_outputs_cannot_move_passes()
    {
        // tanh(±18) is 1 − 4.4e-16: the default step moves it by far less than half an ulp, so the numerical derivative
        // at h is 0 while the analytic one, 1 − tanh², is 8.9e-16. The resolution of those outputs explains the
        // difference, and larger steps, where they do move, read a derivative of that size.
        var x = new Tensor<double>([4], [18, -18.5, 17.5, -18.25]);

        var report = GradCheck.Layer(new Tanh<double>(), x);

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Single().AnalyticAtWorst.ShouldNotBe(0);
        Math.Abs(report.Tensors.Single().NumericalAtWorst).ShouldBeLessThan(1e-14);
    }

    [Fact]
    public void Coefficient_gradient_off_by_a_tenth_of_a_percent_fails_in_double()
    {
        var layer = new Cubic<double>(0.7, -1.3, 2.1) { CoefficientGradientScale = 1.001 };

        var report = GradCheck.Layer(layer, new GradientCase(3).Normal<double>(5, 4));

        report.Passed.ShouldBeFalse();
        report.Failures.Select(t => t.Tensor).ShouldBe(["coefficients"]);
        report.Failures[0].WorstIndex.ShouldBe([0]);
    }

    [Fact]
    public void Coefficient_gradient_off_by_one_percent_fails_in_float()
    {
        var layer = new Cubic<float>(0.7, -1.3, 2.1) { CoefficientGradientScale = 1.01 };

        var report = GradCheck.Layer(layer, new GradientCase(3).Normal<float>(5, 4));

        report.Passed.ShouldBeFalse();
        report.Failures.Single().WorstIndex.ShouldBe([0]);
    }

    [Theory]
    [InlineData(typeof(double))]
    [InlineData(typeof(float))]
    public void Exp_with_the_derivative_of_x_squared_fails(Type type)
    {
        var report = type == typeof(double)
            ? GradCheck.Layer(new Exp<double> { Derivative = v => 2 * v }, new GradientCase(5).Normal<double>(3, 3))
            : GradCheck.Layer(new Exp<float> { Derivative = v => 2 * v }, new GradientCase(5).Normal<float>(3, 3));

        report.Passed.ShouldBeFalse();
        report.Tensors.Single().Verdict.ShouldBe(Verdict.Wrong);
        report.Tensors.Single().Failed.ShouldBe(9);
    }

    [Theory]
    [InlineData(typeof(double))]
    [InlineData(typeof(float))]
    public void Softmax_without_its_cross_term_fails(Type type)
    {
        var report = type == typeof(double)
            ? GradCheck.Layer(new Softmax<double> { DropCrossTerm = true }, new GradientCase(5).Normal<double>(3, 4))
            : GradCheck.Layer(new Softmax<float> { DropCrossTerm = true }, new GradientCase(5).Normal<float>(3, 4));

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Softmax"]);
    }

    [Fact]
    public void Difference_of_a_right_double_gradient_is_in_the_great_band()
    {
        var report = GradientAssert.Layer(new Exp<double>(), new GradientCase(9).Normal<double>(4, 4));

        report.Verdict.ShouldBe(Verdict.Great);
        report.Tensors.Single().Checked.ShouldBe(16);
    }

    [Fact]
    public void Four_point_stencil_is_more_accurate_than_central_differences()
    {
        var x = new GradientCase(4).Normal<double>(4, 4);

        var central = GradientAssert.Layer(new Cubic<double>(0.7, -1.3, 2.1), x, new GradCheckOptions { Reference = Reference.Differences });
        var fourPoint = GradientAssert.Layer(new Cubic<double>(0.7, -1.3, 2.1), x, new GradCheckOptions { Scheme = DifferenceScheme.FourPoint, Reference = Reference.Differences });

        fourPoint.Difference.ShouldBeLessThan(central.Difference);
    }

    [Fact]
    public void Course_rule_fails_a_right_float_layer_that_the_error_model_passes()
    {
        var x = new GradientCase(2).Normal<float>(4, 6);
        var courseRule = new GradCheckOptions { Step = StepSize.Fixed(1e-7), Tolerance = Tolerance.NormalizedDifference(2e-7), Reference = Reference.Differences };

        GradCheck.Layer(new Softmax<float>(), x, courseRule).Passed.ShouldBeFalse();
        GradCheck.Layer(new Softmax<float>(), x).Passed.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Reference.Differences)]
    [InlineData(Reference.Auto)]
    [InlineData(Reference.Exact)]
    public void All_close_tolerance_judges_each_element_by_atol_and_rtol(Reference reference)
    {
        // Under the exact reference the rule is applied with the exact derivative in the place of the numerical one.
        var layer = new Cubic<double>(0.7, -1.3, 2.1) { CoefficientGradientScale = 1.001 };
        var x = new GradientCase(3).Normal<double>(5, 4);

        GradCheck.Layer(layer, x, new GradCheckOptions { Tolerance = Tolerance.AllClose(1e-5, 1e-2), Reference = reference }).Passed.ShouldBeTrue();
        GradCheck.Layer(layer, x, new GradCheckOptions { Tolerance = Tolerance.AllClose(1e-5, 1e-4), Reference = reference }).Passed.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Reference.Auto)]
    [InlineData(Reference.Exact)]
    public void A_normalized_difference_threshold_is_applied_to_the_exact_derivatives_too(Reference reference)
    {
        var layer = new Cubic<double>(0.7, -1.3, 2.1) { CoefficientGradientScale = 1.001 };
        var x = new GradientCase(3).Normal<double>(5, 4);

        GradCheck.Layer(layer, x, new GradCheckOptions { Tolerance = Tolerance.NormalizedDifference(1e-2), Reference = reference }).Passed.ShouldBeTrue();
        GradCheck.Layer(layer, x, new GradCheckOptions { Tolerance = Tolerance.NormalizedDifference(1e-5), Reference = reference }).Passed.ShouldBeFalse();
    }

    private static void PassesOnRandomInput<T>(ILayer<T> layer, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new GradientCase(seed);
        var x = c.Normal<T>(c.Dim("batch", 1, 6), c.Dim("features", 1, 8));

        var report = GradCheck.Layer(layer, x, new GradCheckOptions { Seed = seed });

        report.Passed.ShouldBeTrue(report.ToString());
    }
}
