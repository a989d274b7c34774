// LayerNorm (over the features of each row) and BatchNorm in training mode (over the batch): both gradients flow
// through the mean and the variance, the classic place to drop a term.
namespace GradAssert.Examples.NUnit;

public class NormalizationChecks
{
    [GradientCheck(Cases = 10)]
    public void LayerNorm_backward_matches_finite_differences(GradientCase c)
    {
        var norm = new LayerNorm<double>(c.Dim("features", 1, 8), seed: c.Seed);
        GradientAssert.Layer(norm, c.Normal<double>(c.Dim("batch", 1, 3), norm.Features));
    }

    [GradientCheck(Cases = 10)]
    public void LayerNorm_backward_matches_finite_differences_in_float(GradientCase c)
    {
        var norm = new LayerNorm<float>(c.Dim("features", 2, 8), seed: c.Seed);
        GradientAssert.Layer(norm, c.Normal<float>(c.Dim("batch", 1, 3), norm.Features));
    }

    [GradientCheck(Cases = 10)]
    public void BatchNorm_backward_matches_finite_differences(GradientCase c)
    {
        var norm = new BatchNorm<double>(c.Dim("features", 1, 6), seed: c.Seed);
        GradientAssert.Layer(norm, c.Normal<double>(c.Dim("batch", 2, 5), norm.Features));
    }
}
