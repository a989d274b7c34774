// Whole models as Sequential<T>: checked end to end and layer by layer, so a wrong layer would be blamed by name.
namespace GradAssert.Examples.NUnit;

public class CompositeModelChecks
{
    [GradientCheck(Cases = 8)]
    public void Small_convnet_backward_matches_finite_differences(GradientCase c)
    {
        int batch = c.Dim("batch", 1, 3), side = 2 * c.Dim("halfSide", 1, 3), classes = c.Dim("classes", 2, 4);
        int[] labels = [.. Enumerable.Range(0, batch).Select(n => c.Dim($"label{n}", 0, classes - 1))];
        var model = new Sequential<double>(
            "ConvNet",
            new Conv2D<double>(inChannels: 1, outChannels: 2, kernel: 3, padding: 1, seed: c.Seed),
            new ReLU<double>(),
            new MaxPool2D<double>(2),
            new Flatten<double>(),
            new Dense<double>(2 * (side / 2) * (side / 2), classes, seed: c.Seed + 1),
            new SoftmaxCrossEntropy<double>(labels));

        GradientAssert.Layer(model, c.Normal<double>(batch, 1, side, side));
    }

    [GradientCheck(Cases = 8)]
    public void Attention_block_with_residual_backward_matches_finite_differences(GradientCase c)
    {
        int model = c.Dim("model", 2, 4);
        var block = new Sequential<double>(
            "AttentionBlock",
            new Residual<double>(new SelfAttention<double>(model, seed: c.Seed)),
            new LayerNorm<double>(model, seed: c.Seed + 1));

        GradientAssert.Layer(block, c.Normal<double>(c.Dim("batch", 1, 2), c.Dim("sequence", 1, 4), model));
    }
}
