// =====================================================================================================================
// BROKEN ON PURPOSE. These tests FAIL: they run deliberately broken layers (examples/Shared/BrokenLayers) so you can
// read real failure messages. They are excluded from `dotnet test` by default (the project's VSTestTestCaseFilter);
// run them with:
//     dotnet test examples/GradAssert.Examples.NUnit --filter Category=BrokenOnPurpose
// =====================================================================================================================
using GradAssert.Examples.BrokenLayers;
using GradAssert.Shouldly;

namespace GradAssert.Examples.NUnit.BrokenLayers;

[Category("BrokenOnPurpose")]
public class BrokenLayerChecks
{
    // The bias gradient sums only the first row: shrinking finds the smallest batch that shows it.
    [GradientCheck(Cases = 3)]
    public void Dense_bias_gradient_that_sums_only_the_first_row(GradientCase c)
    {
        var dense = new DenseWithFirstRowBias(c.Dim("in", 1, 4), c.Dim("out", 1, 4), c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 6), dense.Inputs));
    }

    // Softmax's backward without the cross term: dx = y ⊙ dy is wrong for every row.
    [GradientCheck(Cases = 6)]
    public void Softmax_backward_missing_its_cross_term(GradientCase c) =>
        GradientAssert.Layer(new SoftmaxWithoutCrossTerm(), c.Normal<double>(c.Dim("batch", 1, 3), c.Dim("classes", 2, 6)));

    // In a model, the per-layer check blames the convolution, not the layers around it.
    [GradientCheck(Cases = 6)]
    public void Conv2D_input_gradient_that_skips_the_padding_edge(GradientCase c)
    {
        var model = new Sequential<double>(
            "ConvBlock",
            new ConvWithPaddingEdgeBug(new Conv2D<double>(inChannels: 1, outChannels: 2, kernel: 3, padding: 1, seed: c.Seed)),
            new Tanh<double>());
        GradientAssert.Layer(model, c.Normal<double>(1, 1, c.Dim("height", 2, 5), c.Dim("width", 2, 5)));
    }

    // The same bias bug through Shouldly: a ShouldAssertException with the per-layer table.
    [Test]
    public void Dense_bias_bug_through_Shouldly()
    {
        var c = new GradientCase(seed: 5);
        var dense = new DenseWithFirstRowBias(3, 2, seed: 5);
        dense.ShouldPassGradientCheck(c.Normal<double>(4, 3));
    }

    // The loss averages over the batch but its gradient does not: the message names the convention mismatch.
    [GradientCheck(Cases = 4)]
    public void Loss_whose_gradient_misses_the_batch_mean(GradientCase c)
    {
        int batch = c.Dim("batch", 2, 5);
        var inputs = new LayerInputs<double> { ["prediction"] = c.Normal<double>(batch, 3) }.Constant("target", c.Normal<double>(batch, 3));
        GradientAssert.Layer(new MeanSquaredErrorLoss<double> { GradientMissesBatchMean = true }, inputs);
    }

    // Inside a composite, the sub-layer with the bug is blamed by its path, not the block around it.
    [GradientCheck(Cases = 4)]
    public void Composite_block_with_a_broken_sub_layer(GradientCase c)
    {
        int width = c.Dim("width", 2, 4);
        var block = new PreNormBlock<double>(width, c.Seed, down: new DenseWithFirstRowBias(2 * width, width, c.Seed));
        GradientAssert.Layer(block, c.Normal<double>(c.Dim("batch", 2, 3), width));
    }
}
