// The same checks as Shouldly assertions, at fixed inputs: ShouldPassGradientCheck on a layer, ShouldPass on a
// report, and what a report says about a broken layer (who is blamed, which tensor failed).
using GradAssert.Examples.BrokenLayers;
using GradAssert.Shouldly;
using Shouldly;

namespace GradAssert.Examples.Xunit;

public class ShouldlyChecks
{
    [Fact]
    public void Dense_should_pass_gradient_check()
    {
        var c = new GradientCase(seed: 1);
        var dense = new Dense<double>(inputs: 4, outputs: 3, seed: 1);
        dense.ShouldPassGradientCheck(c.Normal<double>(5, 4));
    }

    [Fact]
    public void Classifier_report_should_pass()
    {
        var c = new GradientCase(seed: 2);
        var model = new Sequential<float>(new Dense<float>(4, 8, seed: 2), new Tanh<float>(), new Dense<float>(8, 3, seed: 3), new Softmax<float>());
        GradCheck.Layer(model, c.Normal<float>(6, 4)).ShouldPass();
    }

    [Fact]
    public void Broken_bias_gradient_is_blamed_on_the_dense_layer()
    {
        var c = new GradientCase(seed: 3);
        var model = new Sequential<double>(new DenseWithFirstRowBias(3, 4, seed: 3), new Tanh<double>());

        var report = GradCheck.Layer(model, c.Normal<double>(4, 3));

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Dense"]);
        report.Tensors.Where(t => !t.Passed).Select(t => t.Tensor).Distinct().ShouldBe(["b"]);
    }

    [Fact]
    public void Broken_softmax_fails_with_the_table_in_the_message()
    {
        var c = new GradientCase(seed: 4);
        var softmax = new SoftmaxWithoutCrossTerm();

        var failure = Should.Throw<ShouldAssertException>(() => softmax.ShouldPassGradientCheck(c.Normal<double>(2, 5)));

        failure.Message.ShouldContain("should pass gradient check but");
        failure.Message.ShouldContain("Softmax  input");
    }
}
