using System.Numerics;
using GradAssert.Examples.Layers;

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

    /// <summary>The fuzz harness's layer (its shift's gradient accumulated one upstream value at a time), that gradient scaled by <paramref name="shiftGradientScale"/>.</summary>
    private static GradientReport Check<T>(int seed, double shiftGradientScale) where T : unmanaged, IFloatingPointIeee754<T> =>
        GradCheck.Layer(
            new ScaledGradient<T>(new GradAssert.Fuzz.Layers.ShiftThenRowSum<T>(T.CreateChecked(0.3)), "shift", shiftGradientScale),
            new GradientCase(seed).Normal<T>(1, 4096),
            new GradCheckOptions { Seed = seed });
}
