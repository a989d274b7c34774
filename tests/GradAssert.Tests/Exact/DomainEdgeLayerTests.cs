using System.Numerics;

namespace GradAssert.Tests.Exact;

/// <summary>
/// Correct layers next to the edge of their domain pass through the exact path by default, and a gradient 1% off in
/// double or 3% off in float fails there (issue 24's "log at p = 1e-6, √x at 1e-8"): the dual numbers take no step
/// that could cross the edge.
/// </summary>
public sealed class DomainEdgeLayerTests
{
    [Theory]
    [InlineData(true, 1e-6)]
    [InlineData(false, 1e-8)]
    public void Correct_log_and_root_next_to_zero_pass_by_their_exact_derivatives(bool log, double point)
    {
        Check<double>(log, point, factor: 1).ShouldSatisfyAllConditions(r => r.Passed.ShouldBeTrue(r.ToString()), r => r.Tensors.Single().Reference.ShouldBe("exact (dual numbers)"));
        Check<float>(log, point, factor: 1).ShouldSatisfyAllConditions(r => r.Passed.ShouldBeTrue(r.ToString()), r => r.Tensors.Single().Reference.ShouldBe("exact (dual numbers)"));
    }

    [Theory]
    [InlineData(true, 1e-6)]
    [InlineData(false, 1e-8)]
    public void Log_and_root_next_to_zero_with_their_gradient_off_fail(bool log, double point)
    {
        Check<double>(log, point, factor: 1.01).Passed.ShouldBeFalse();
        Check<float>(log, point, factor: 1.03).Passed.ShouldBeFalse();
    }

    private static GradientReport Check<T>(bool log, double point, double factor) where T : unmanaged, IFloatingPointIeee754<T> =>
        GradCheck.Layer(new NextToZero<T>(log, factor), new GradientCase(3).Uniform<T>(0.8 * point, 1.2 * point, 2, 4), new GradCheckOptions { Seed = 3 });

    /// <summary>−log x or √x, element by element, with its gradient scaled by <paramref name="factor"/> (1: correct).</summary>
    private sealed class NextToZero<T>(bool log, double factor) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private Tensor<T>? _x;

        public IReadOnlyList<Parameter<T>> Parameters => [];

        public Tensor<T> Forward(Tensor<T> input)
        {
            _x = input.Clone();
            return new Tensor<T>([.. input.Shape], [.. input.Data.Select(x => log ? -T.Log(x) : T.Sqrt(x))]);
        }

        public Tensor<T>? Backward(Tensor<T> outputGradient)
        {
            var x = _x ?? throw new InvalidOperationException("Backward before Forward.");
            T scale = T.CreateChecked(factor), two = T.CreateChecked(2);
            return new Tensor<T>([.. outputGradient.Shape], [.. outputGradient.Data.Zip(x.Data, (g, v) => g * scale * (log ? -T.One / v : T.One / (two * T.Sqrt(v))))]);
        }
    }
}
