// Conv2D with stride and zero padding, and MaxPool2D, over random NCHW shapes.
namespace GradAssert.Examples.Xunit;

public class ConvolutionChecks
{
    [GradientCheck(Cases = 10)]
    public void Conv2D_backward_matches_finite_differences(GradientCase c)
    {
        int kernel = c.Dim("kernel", 1, 3);
        var conv = new Conv2D<double>(
            c.Dim("inChannels", 1, 2), c.Dim("outChannels", 1, 3), kernel,
            stride: c.Dim("stride", 1, 2), padding: c.Dim("padding", 0, kernel - 1), seed: c.Seed);
        GradientAssert.Layer(conv, c.Normal<double>(c.Dim("batch", 1, 2), conv.InChannels, c.Dim("height", kernel, 5), c.Dim("width", kernel, 5)));
    }

    [GradientCheck(Cases = 10)]
    public void Conv2D_backward_matches_finite_differences_in_float(GradientCase c)
    {
        var conv = new Conv2D<float>(inChannels: 2, outChannels: 2, kernel: 3, stride: 2, padding: 1, seed: c.Seed);
        GradientAssert.Layer(conv, c.Normal<float>(c.Dim("batch", 1, 2), 2, c.Dim("height", 3, 5), c.Dim("width", 3, 5)));
    }

    [GradientCheck(Cases = 10)]
    public void MaxPool2D_backward_matches_finite_differences(GradientCase c)
    {
        int size = c.Dim("size", 1, 3);
        var pool = new MaxPool2D<double>(size, stride: c.Dim("stride", 1, size));
        GradientAssert.Layer(pool, c.Normal<double>(c.Dim("batch", 1, 2), c.Dim("channels", 1, 2), c.Dim("height", size, 6), c.Dim("width", size, 6)));
    }
}
