// Dense and the element-wise activations, each checked by [GradientCheck] over random shapes in float and double.
// The kinked ones (ReLU, LeakyReLU, Abs, Clamp) need nothing special: inputs that straddle a kink are skipped.
namespace GradAssert.Examples.NUnit;

public class DenseAndActivationChecks
{
    [GradientCheck(Cases = 10)]
    public void Dense_backward_matches_finite_differences(GradientCase c)
    {
        var dense = new Dense<double>(c.Dim("in", 1, 6), c.Dim("out", 1, 6), seed: c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 4), dense.Inputs));
    }

    [GradientCheck(Cases = 10)]
    public void Dense_backward_matches_finite_differences_in_float(GradientCase c)
    {
        var dense = new Dense<float>(c.Dim("in", 1, 6), c.Dim("out", 1, 6), seed: c.Seed);
        GradientAssert.Layer(dense, c.Normal<float>(c.Dim("batch", 1, 4), dense.Inputs));
    }

    [GradientCheck(Cases = 10)]
    public void ReLU_backward_matches_finite_differences(GradientCase c) =>
        GradientAssert.Layer(new ReLU<float>(), c.Normal<float>(c.Dim("batch", 1, 4), c.Dim("features", 1, 8)));

    [GradientCheck(Cases = 10)]
    public void LeakyReLU_backward_matches_finite_differences(GradientCase c) =>
        GradientAssert.Layer(new LeakyReLU<double>(slope: 0.1), c.Normal<double>(c.Dim("batch", 1, 4), c.Dim("features", 1, 8)));

    [GradientCheck(Cases = 10)]
    public void Tanh_backward_matches_finite_differences(GradientCase c) =>
        GradientAssert.Layer(new Tanh<double>(), c.Normal<double>(c.Dim("batch", 1, 4), c.Dim("features", 1, 8)));

    [GradientCheck(Cases = 10)]
    public void Sigmoid_backward_matches_finite_differences(GradientCase c) =>
        GradientAssert.Layer(new Sigmoid<float>(), c.Uniform<float>(-4, 4, c.Dim("batch", 1, 4), c.Dim("features", 1, 8)));

    [GradientCheck(Cases = 10)]
    public void Abs_backward_matches_finite_differences(GradientCase c) =>
        GradientAssert.Layer(new Abs<double>(), c.Normal<double>(c.Dim("batch", 1, 4), c.Dim("features", 1, 8)));

    [GradientCheck(Cases = 10)]
    public void Clamp_backward_matches_finite_differences(GradientCase c) =>
        GradientAssert.Layer(new Clamp<double>(-1, 1), c.Uniform<double>(-2, 2, c.Dim("batch", 1, 4), c.Dim("features", 1, 8)));
}
