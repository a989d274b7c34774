// The README's quick start, word for word, so that it keeps compiling and passing.
using GradAssert;
using GradAssert.Examples.Layers;   // the layer zoo: Dense, ReLU, Conv2D, LayerNorm, …
using GradAssert.Xunit;
using Xunit;

public class DenseTests
{
    [GradientCheck(Cases = 25)]                                  // 25 seeded cases, sizes growing; shrinks on failure
    public void Dense_backward_matches_finite_differences(GradientCase c)
    {
        var dense = new Dense<double>(c.Dim("in", 1, 16), c.Dim("out", 1, 16), seed: c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
    }

    [Fact]
    public void Small_float_mlp_is_right_layer_by_layer()
    {
        var model = new Sequential<float>(new Dense<float>(4, 8, seed: 1), new ReLU<float>(), new Dense<float>(8, 3, seed: 2));
        var report = GradientAssert.Layer(model, new GradientCase(seed: 7).Normal<float>(5, 4));
        Assert.Empty(report.Blamed);
    }
}
