using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Taylor;

/// <summary>
/// The rounding floor a Taylor test is read over. A dense unit whose inputs nearly cancel has a tiny output, but its
/// differences carry the rounding of the terms it added up; read over the output's own rounding, that rounding halved
/// with the steps and looked like a first-order error (two false alarms among 341,516 second opinions in a correct
/// 5,000,000-weight dense layer).
/// </summary>
public sealed class TaylorFloorTests
{
    private static readonly Objective<double> Objective = new(
        new Tensor<double>([4], [1, 1, 1, 1]),
        new Tensor<double>([4], [2, -2, 0.001, 2]));

    [Fact]
    public void An_output_that_cancels_to_near_zero_floors_at_a_sixteenth_of_a_typical_output()
    {
        // ȳ = √((4 + 4 + 0.000001 + 4) / 4) ≈ 1.732, so the floor term of the 0.001 output is ȳ/16 ≈ 0.108.
        Objective.FloorMagnitude([false, false, true, false]).ShouldBe(Math.Sqrt(12.000001 / 4) / 16, 1e-12);
    }

    [Fact]
    public void Wide_dense_layer_whose_units_nearly_cancel_passes_every_second_opinion()
    {
        // 64 × 1,000 weights on one input row: with each output's own rounding as the floor, seeds 4, 12, 25, 26 and 28
        // of the first 39 failed this correct layer (W[35,780] for this one), a unit whose inputs nearly cancel read as
        // first order.
        const int seed = 4;
        var report = GradCheck.Layer(new Dense<double>(64, 1000, seed: seed), new GradientCase(seed + 1).Normal<double>(1, 64), new GradCheckOptions { Reference = Reference.Differences, Seed = 1 });

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Sum(t => t.SecondOpinions).ShouldBeGreaterThan(1000);
        report.Tensors.SelectMany(t => t.TaylorTests).ShouldNotContain(t => t.Overturned);
    }

    [Fact]
    public void Ordinary_outputs_floor_at_their_own_size()
    {
        Objective.FloorMagnitude([true, true, false, true]).ShouldBe(6);
    }
}
