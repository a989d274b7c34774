// Softmax (its Jacobian couples every class of a row) and the fused softmax + cross-entropy loss.
namespace GradAssert.Examples.NUnit;

public class SoftmaxChecks
{
    [GradientCheck(Cases = 10)]
    public void Softmax_backward_matches_finite_differences(GradientCase c) =>
        GradientAssert.Layer(new Softmax<double>(), c.Normal<double>(c.Dim("batch", 1, 3), c.Dim("classes", 1, 6)));

    [GradientCheck(Cases = 10)]
    public void Softmax_backward_matches_finite_differences_in_float(GradientCase c) =>
        GradientAssert.Layer(new Softmax<float>(), c.Normal<float>(c.Dim("batch", 1, 3), c.Dim("classes", 1, 6)));

    [GradientCheck(Cases = 10)]
    public void SoftmaxCrossEntropy_backward_matches_finite_differences(GradientCase c)
    {
        int batch = c.Dim("batch", 1, 4), classes = c.Dim("classes", 2, 6);
        int[] labels = [.. Enumerable.Range(0, batch).Select(n => c.Dim($"label{n}", 0, classes - 1))];
        GradientAssert.Layer(new SoftmaxCrossEntropy<double>(labels), c.Normal<double>(batch, classes));
    }
}
