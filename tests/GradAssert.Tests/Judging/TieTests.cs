using GradAssert.Tests.Support;

namespace GradAssert.Tests.Judging;

/// <summary>
/// Tied elements are judged together (issue 22, class C): each tied maximum alone matches a one-sided slope, so only the
/// sum over the tie, against the derivative along the tie's common direction, tells a right backward from the
/// <c>x == max</c> mask.
/// </summary>
public sealed class TieTests
{
    private static readonly Tensor<double> Tied = new([6], [1, 1, 1, 0.3, 2, -0.5]);

    [Fact]
    public void Max_with_the_equality_mask_on_tied_inputs_fails_and_names_the_tie()
    {
        var report = GradCheck.Layer(new OverlappingPairMax { EqualityMask = true }, Tied, new GradCheckOptions { Seed = 3 });

        report.Passed.ShouldBeFalse(report.ToString());
        report.ToString().ShouldContain("input[0], input[1], input[2], tied at 1, have gradients summing to");
        report.ToString().ShouldContain("moving them together gives");
    }

    [Fact]
    public void Max_giving_a_tie_to_one_element_passes_with_its_tied_elements_verified_not_skipped()
    {
        var report = GradCheck.Layer(new OverlappingPairMax(), Tied, new GradCheckOptions { Seed = 3 });

        report.Passed.ShouldBeTrue(report.ToString());
        report.Kinks.ShouldBe(0);
        report.Tensors.Single().Checked.ShouldBe(6);
    }

    [Fact]
    public void A_tie_whose_gradient_is_doubled_by_a_factor_fails_though_each_element_matches_a_side()
    {
        // The tie's gradient routed to the first element ×2: that element's right slope is one window's gradient, its
        // left slope zero; neither is 2× the gradient, so it fails alone. The classic mask is the case above.
        var report = GradCheck.Layer(new OverlappingPairMax { TieFactor = 2 }, Tied, new GradCheckOptions { Seed = 3 });

        report.Passed.ShouldBeFalse(report.ToString());
    }

    [Fact]
    public void Equal_values_in_a_smooth_layer_are_not_a_tie_and_a_wrong_element_still_fails()
    {
        // Equal inputs of a smooth function are no kink: nothing is tied, and a wrong derivative fails element by element.
        var x = new Tensor<double>([4], [2, 2, 2, 0.5]);

        var report = GradCheck.Layer(new Exp<double> { Derivative = v => 1.01 * Math.Exp(v) }, x);

        report.Passed.ShouldBeFalse(report.ToString());
        report.Tensors.Single().Failed.ShouldBe(4);
    }
}
