using GradAssert.Tests.Support;

namespace GradAssert.Tests.Layers;

/// <summary>Blame inside the user's own composites: each sub-layer called through Call is checked alone on its real input.</summary>
public sealed class CompositeBlameTests
{
    private static Tensor<double> Input() => new GradientCase(9).Normal<double>(3, 4);

    [Fact]
    public void Correct_residual_block_passes_with_its_sub_layers_checked_alone()
    {
        var report = GradCheck.Layer(new ResidualBlock(4, seed: 1), Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Where(t => t.Scope == CheckScope.Local).Select(t => t.Layer).Distinct().ShouldBe(["Dense#1", "Dense#2"]);
        report.Tensors.Where(t => t.Scope == CheckScope.EndToEnd).Select(t => $"{t.Layer}.{t.Tensor}").ShouldBe(["Dense#1.W", "Dense#1.b", "Dense#2.W", "Dense#2.b", "Residual.input"]);
    }

    [Fact]
    public void A_bug_in_one_sub_layer_of_a_residual_block_is_blamed_on_that_sub_layer_alone()
    {
        var report = GradCheck.Layer(new ResidualBlock(4, seed: 1, secondWeightGradientScale: 1.01), Input());

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Dense#2"]);
        report.ToString().ShouldContain("Blame: this layer's own backward is wrong:\n  Dense#2: W[");
    }

    [Fact]
    public void A_bug_in_the_composites_own_code_between_its_sub_layers_is_blamed_on_the_composite()
    {
        var report = GradCheck.Layer(new ResidualBlock(4, seed: 1) { ForgetsSkipGradient = true }, Input());

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Residual"]);
    }

    [Fact]
    public void Blame_inside_nested_composites_names_the_path()
    {
        var model = new TwoBlocks(new ResidualBlock(4, seed: 1), new ResidualBlock(4, seed: 2, secondWeightGradientScale: 1.01));

        var report = GradCheck.Layer(model, Input());

        report.Blamed.ShouldBe(["Residual#2/Dense#2"]);
    }

    [Fact]
    public void A_glue_bug_in_a_nested_composite_is_blamed_on_that_composite()
    {
        var model = new TwoBlocks(new ResidualBlock(4, seed: 1) { ForgetsSkipGradient = true }, new ResidualBlock(4, seed: 2));

        var report = GradCheck.Layer(model, Input());

        report.Blamed.ShouldBe(["Residual#1"]);
    }

    [Fact]
    public void A_composite_inside_a_sequential_is_blamed_inside_too()
    {
        var model = new Sequential<double>("net", new Dense<double>(4, 4, seed: 3), new ResidualBlock(4, seed: 1, secondWeightGradientScale: 1.01));

        var report = GradCheck.Layer(model, Input());

        report.Blamed.ShouldBe(["Residual/Dense#2"]);
    }

    [Fact]
    public void Call_outside_a_check_is_just_forward()
    {
        var dense = new Dense<double>(4, 2, seed: 1);
        var input = Input();

        dense.Call(input).Data.ShouldBe(dense.Forward(input).Data);
    }
}
