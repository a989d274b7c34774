using GradAssert.Tests.Support;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert.Tests.Trust;

/// <summary>A check that compared nothing proves nothing: it fails and says why, instead of passing over 0 elements.</summary>
public sealed class VacuousCheckTests
{
    [Fact]
    public void Layer_without_parameters_whose_backward_returns_null_fails_for_comparing_nothing()
    {
        var report = GradCheck.Layer(new NullBackward(), new GradientCase(1).Normal<double>(2, 3));

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldHaveSingleItem().ShouldStartWith("nothing was compared, so nothing was verified: NullBackward.input was not compared: Backward returned no input gradient (null)");
        report.ToString().ShouldContain("Not earned: nothing was compared");
        Should.Throw<GradientCheckException>(() => GradientAssert.Layer(new NullBackward(), new GradientCase(1).Normal<double>(2, 3)));
    }

    [Fact]
    public void Layer_with_parameters_whose_backward_returns_null_passes_and_says_the_input_was_not_compared()
    {
        var report = GradCheck.Layer(new NullBackward { WithParameter = true }, new GradientCase(1).Normal<double>(2, 3));

        report.Passed.ShouldBeTrue(report.ToString());
        report.Warnings.ShouldContain(w => w.StartsWith("NullBackward.input was not compared: Backward returned no input gradient (null)", StringComparison.Ordinal));
    }

    [Fact]
    public void Dense_on_a_batch_of_zero_fails_for_computing_no_output()
    {
        var report = GradCheck.Layer(new Dense<double>(3, 2, seed: 1), new Tensor<double>(0, 3));

        report.Passed.ShouldBeFalse(report.ToString());
        report.Problems.ShouldHaveSingleItem().ShouldStartWith("Dense computed an output without elements (shape [0,2]) from an input of shape [0,3]");
    }

    [Fact]
    public void Input_with_a_zero_in_the_middle_of_its_shape_fails()
    {
        var report = GradCheck.Layer(new Tanh<double>(), new Tensor<double>(2, 0, 3));

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldHaveSingleItem().ShouldContain("output without elements (shape [2,0,3])");
    }

    [Fact]
    public void Empty_theta_fails_for_comparing_nothing()
    {
        var report = GradCheck.Function(_ => 1.0, t => t, MathNetVector.Build.Dense(0));

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldHaveSingleItem().ShouldContain("J.theta has no elements (shape [0])");
    }

    [Fact]
    public void A_model_that_compares_nothing_fails_too()
    {
        var report = GradCheck.Layer(new Sequential<double>(new NullBackward()), new GradientCase(1).Normal<double>(2, 3));

        report.Passed.ShouldBeFalse();
        report.Problems.ShouldNotBeEmpty();
    }

    /// <summary>y = x (plus a parameter that is not used, when asked), and a Backward that declares its input not differentiable.</summary>
    private sealed class NullBackward : ILayer<double>
    {
        private readonly Parameter<double> _b = new("b", new Tensor<double>([3], [0.5, -1, 2]));

        public bool WithParameter { get; init; }

        public IReadOnlyList<Parameter<double>> Parameters => WithParameter ? [_b] : [];

        public Tensor<double> Forward(Tensor<double> input)
        {
            var y = input.Clone();
            if (WithParameter)
            {
                for (int i = 0; i < y.Length; i++)
                {
                    y.Data[i] += _b.Value.Data[i % 3];
                }
            }

            return y;
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient)
        {
            if (WithParameter)
            {
                for (int i = 0; i < outputGradient.Length; i++)
                {
                    _b.Gradient.Data[i % 3] += outputGradient.Data[i];
                }
            }

            return null;
        }
    }
}
