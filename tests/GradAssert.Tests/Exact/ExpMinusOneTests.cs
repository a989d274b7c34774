using System.Numerics;
using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Exact;

/// <summary>
/// A float eˣ − 1 near x = 0 cancels: written as <c>Exp(x) − 1</c> it keeps the rounding of eˣ, up to 2% of the result
/// at x = −5.5e-6, though at that x it is 0.3% off. The exact reference measures the rounding its derivative and the
/// backward actually carry (float's eˣ against double's, and no rounding for the 1), so a gradient 3% off fails there,
/// while a backward that rounds otherwise (<c>ExpM1</c>, exact to float's last bit) still passes: the measured rounding
/// of the difference between the two is the 0.3% the naive one is off. The fuzz harness's <c>ExpMinusOneMinusX@0.01</c>
/// in float at seed 22 (one element, at that x) passed with its gradient 3% off while the samples were random.
/// </summary>
public sealed class ExpMinusOneTests
{
    private static readonly Tensor<float> NearZero = new([1, 4], [-5.50064988e-6f, 3.1e-6f, 1.2e-6f, -2.4e-6f]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_correct_float_exp_minus_one_minus_x_passes_whichever_way_its_backward_rounds(bool accurate)
    {
        var report = GradCheck.Layer(new ExpMinusOneMinusX<float> { AccurateBackward = accurate }, NearZero, new GradCheckOptions { Seed = 22 });

        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Theory]
    [InlineData(1.03)]
    [InlineData(0.97)]
    public void A_float_exp_minus_one_minus_x_gradient_3_percent_off_fails_near_zero(double factor)
    {
        var report = GradCheck.Layer(new ScaledGradient<float>(new ExpMinusOneMinusX<float>(), "input", factor), NearZero, new GradCheckOptions { Seed = 22 });

        report.Passed.ShouldBeFalse(report.ToString());
        report.Tensors.Single().Reference.ShouldBe("exact (dual numbers)");
    }

    /// <summary>y = eˣ − 1 − x, written naively; its backward eˣ − 1 naively too, or with <c>ExpM1</c>.</summary>
    private sealed class ExpMinusOneMinusX<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private Tensor<T> _input = new(0);

        public bool AccurateBackward { get; init; }

        public string Name => "ExpMinusOneMinusX";

        public IReadOnlyList<Parameter<T>> Parameters => [];

        public Tensor<T> Forward(Tensor<T> input)
        {
            _input = input.Clone();
            var y = new Tensor<T>([.. input.Shape]);
            for (int i = 0; i < y.Length; i++)
            {
                y.Data[i] = T.Exp(input.Data[i]) - T.One - input.Data[i];
            }

            return y;
        }

        public Tensor<T>? Backward(Tensor<T> outputGradient)
        {
            var dx = new Tensor<T>([.. _input.Shape]);
            for (int i = 0; i < dx.Length; i++)
            {
                T x = _input.Data[i];
                dx.Data[i] = outputGradient.Data[i] * (AccurateBackward ? T.ExpM1(x) : T.Exp(x) - T.One);
            }

            return dx;
        }
    }
}
