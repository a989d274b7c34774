using System.Numerics;

namespace GradAssert.Tests.Exact;

/// <summary>
/// A backward that adds one value many times (a shift's gradient summed once per element it moved) rounds the same way
/// at each addition, up to n/2 roundings of the sum where random roundings show √n. The exact reference's rounding
/// sample carries the actual rounding of sums, differences and products' values, so it sees the lean: correct code
/// passes, a gradient 1% off still fails. The fuzz harness's ShiftThenSumOfLongRows failed 24 of 60 correct double
/// cases and 14 of 60 float ones before.
/// </summary>
public sealed class LeaningRoundingTests
{
    [Theory]
    [InlineData(typeof(float))]
    [InlineData(typeof(double))]
    public void A_shift_whose_gradient_adds_the_upstream_value_4096_times_passes(Type type)
    {
        for (int seed = 1; seed <= 6; seed++)
        {
            var report = type == typeof(float) ? Check<float>(seed, 1) : Check<double>(seed, 1);

            report.Passed.ShouldBeTrue(report.ToString());
            report.Tensors.ShouldAllBe(t => t.Reference == "exact (dual numbers)");
        }
    }

    [Theory]
    [InlineData(typeof(float))]
    [InlineData(typeof(double))]
    public void A_shift_gradient_one_percent_off_still_fails(Type type)
    {
        var report = type == typeof(float) ? Check<float>(1, 1.01) : Check<double>(1, 1.01);

        report.Passed.ShouldBeFalse();
        report.Tensors.Where(t => !t.Passed).Select(t => t.Tensor).ShouldBe(["shift"]);
    }

    private static GradientReport Check<T>(int seed, double shiftGradientScale) where T : unmanaged, IFloatingPointIeee754<T> =>
        GradCheck.Layer(new ShiftThenRowSum<T>(shiftGradientScale), new GradientCase(seed).Normal<T>(1, 4096), new GradCheckOptions { Seed = seed });

    /// <summary>y_b = Σ_i (x_bi + s), the shift's gradient accumulated one upstream value at a time, as a loop would.</summary>
    private sealed class ShiftThenRowSum<T>(double shiftGradientScale) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Parameter<T> _shift = new("shift", new Tensor<T>([1], [T.CreateChecked(0.3)]));
        private int _columns;

        public IReadOnlyList<Parameter<T>> Parameters => [_shift];

        public Tensor<T> Forward(Tensor<T> input)
        {
            (int rows, _columns) = (input.Shape[0], input.Shape[1]);
            var y = new Tensor<T>([rows, 1]);
            for (int b = 0; b < rows; b++)
            {
                T sum = T.Zero;
                for (int i = 0; i < _columns; i++)
                {
                    sum += input.Data[(b * _columns) + i] + _shift.Value.Data[0];
                }

                y.Data[b] = sum;
            }

            return y;
        }

        public Tensor<T>? Backward(Tensor<T> outputGradient)
        {
            var dx = new Tensor<T>([outputGradient.Shape[0], _columns]);
            T shift = T.Zero;
            for (int k = 0; k < dx.Length; k++)
            {
                dx.Data[k] = outputGradient.Data[k / _columns];
                shift += outputGradient.Data[k / _columns];
            }

            _shift.Gradient.Data[0] += shift * T.CreateChecked(shiftGradientScale);
            return dx;
        }
    }
}
