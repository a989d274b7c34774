using System.Numerics;
using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Taylor;

/// <summary>
/// The Taylor test as a mode (<see cref="CheckMode.Taylor"/>) on the zoo's layers, in double and float: the remainder
/// along the gradient falls as h² for a correct layer, as h for a gradient scaled by 1%, and sits at the rounding floor
/// for a parameter the output is linear in.
/// </summary>
public sealed class TaylorOrderTests
{
    public static TheoryData<string, string> Smooth => new()
    {
        { "Tanh", "input" },
        { "Softmax", "input" },
        { "LayerNorm", "input" },
        { "SelfAttention", "input" },
        { "SelfAttention", "Wq" },
        { "SelfAttention", "Wk" },
    };

    public static TheoryData<string, string> Linear => new()
    {
        { "Dense", "W" },
        { "Dense", "input" },
        { "Conv2D", "W" },
        { "Conv2D", "input" },
        { "LayerNorm", "gamma" },
        { "SelfAttention", "Wv" },
    };

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Correct_layer_reads_order_two_in_double(string layer, string tensor) => OrderOf<double>(layer, tensor, 1).ShouldBe(2, 0.15);

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Correct_layer_reads_order_two_in_float(string layer, string tensor) => OrderOf<float>(layer, tensor, 1).ShouldBe(2, 0.15);

    [Theory]
    [MemberData(nameof(Smooth))]
    [MemberData(nameof(Linear))]
    public void Gradient_scaled_by_one_percent_reads_order_one_in_double(string layer, string tensor) => OrderOf<double>(layer, tensor, 1.01).ShouldBe(1, 0.15);

    [Theory]
    [MemberData(nameof(Smooth))]
    [MemberData(nameof(Linear))]
    public void Gradient_scaled_by_one_percent_reads_order_one_in_float(string layer, string tensor) => OrderOf<float>(layer, tensor, 1.01).ShouldBe(1, 0.15);

    [Theory]
    [MemberData(nameof(Linear))]
    public void Parameter_the_output_is_linear_in_reads_the_rounding_floor(string layer, string tensor)
    {
        foreach (var test in new[] { Test<double>(layer, tensor, 1), Test<float>(layer, tensor, 1) })
        {
            test.Verdict.ShouldBe(TaylorVerdict.RoundingFloor);
            test.OrderText.ShouldBe("floor");
        }
    }

    [Fact]
    public void Wrong_gradient_fails_the_tensor_and_blames_the_layer_with_the_order_in_words()
    {
        var report = GradCheck.Layer(new Zoo.ScaledGradient<float>(new Zoo.Tanh<float>(), "input", 1.01), Input<float>(3, 4), new GradCheckOptions { Mode = CheckMode.Taylor });

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Tanh"]);
        var row = report.Tensors.Single();
        row.Taylor!.Verdict.ShouldBe(TaylorVerdict.FirstOrder);
        row.Taylor.DerivativeError.ShouldBeLessThan(0, "the gradient is 1% too large, so finite differences give less");
        report.ToString().ShouldContain("input along its gradient: order 1.00, first order: the gradient is wrong along it");
    }

    [Fact]
    public void Taylor_mode_compares_along_the_gradient_and_the_random_directions()
    {
        var report = GradCheck.Layer(new Zoo.Softmax<double>(), Input<double>(3, 5), new GradCheckOptions { Mode = CheckMode.Taylor, Directions = 2 });

        var row = report.Tensors.Single();
        report.Passed.ShouldBeTrue();
        row.Directions.ShouldBe(3);
        row.TaylorTests.Select(t => t.Along).ShouldBe(["input along its gradient", "input direction 2", "input direction 3"]);
        row.TaylorTests.ShouldAllBe(t => t.Verdict == TaylorVerdict.SecondOrder);
    }

    private static double OrderOf<T>(string layer, string tensor, double factor) where T : unmanaged, IFloatingPointIeee754<T> =>
        Test<T>(layer, tensor, factor).Order;

    /// <summary>The Taylor test along <paramref name="tensor"/>'s gradient, its gradient scaled by <paramref name="factor"/>.</summary>
    private static TaylorResult Test<T>(string layer, string tensor, double factor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (built, input) = Build<T>(layer);
        var report = GradCheck.Layer(new Zoo.ScaledGradient<T>(built, tensor, factor), input, new GradCheckOptions { Mode = CheckMode.Taylor, Seed = 3 });
        return report.Tensors.Single(t => t.Tensor == tensor).Taylor!;
    }

    private static (ILayer<T> Layer, Tensor<T> Input) Build<T>(string layer) where T : unmanaged, IFloatingPointIeee754<T> => layer switch
    {
        "Tanh" => (new Zoo.Tanh<T>(), Input<T>(3, 4)),
        "Softmax" => (new Zoo.Softmax<T>(), Input<T>(3, 5)),
        "LayerNorm" => (new Zoo.LayerNorm<T>(5, seed: 3), Input<T>(3, 5)),
        "SelfAttention" => (new Zoo.SelfAttention<T>(4, seed: 3), Input<T>(2, 3, 4)),
        "Dense" => (new Zoo.Dense<T>(4, 3, seed: 3), Input<T>(3, 4)),
        "Conv2D" => (new Zoo.Conv2D<T>(2, 2, 3, 1, 1, seed: 3), Input<T>(1, 2, 4, 4)),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "No such layer here."),
    };

    private static Tensor<T> Input<T>(params int[] shape) where T : unmanaged, IFloatingPointIeee754<T> => new GradientCase(1).Normal<T>(shape);
}
