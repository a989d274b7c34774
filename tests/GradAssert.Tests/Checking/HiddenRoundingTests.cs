using System.Numerics;
using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Checking;

/// <summary>
/// Finite differences alone (<see cref="Reference.Differences"/>, what a layer that does not carry to dual numbers gets)
/// where the first step hides the element: a loss summed onto 1e9 does not move at ±h for an element of 5e-4, and a
/// cross-entropy's larger probing steps leave its domain. Larger steps, read while truncation stays invisible, see the
/// element; a probe beyond the domain's edge says nothing of the rounding at the check's point. Each case here passed a
/// wrong gradient before (the fuzz harness's <c>HalfSquare+1e9</c> seed 22, <c>Dense@outputs1e9</c> seed 29 and
/// <c>CrossEntropyOnProbabilities</c> seed 4, under <c>--reference differences</c>).
/// </summary>
public sealed class HiddenRoundingTests
{
    [Theory]
    [InlineData(1.0, true)]
    [InlineData(1.01, false)]
    public void A_loss_summed_onto_1e9_is_read_from_steps_large_enough_to_move_it(double factor, bool passes)
    {
        var x = new Tensor<double>([1, 1], [-5.500649790088313e-4]);

        var report = GradCheck.Layer(new HalfSquarePlus<double>(1e9, factor), x, Differences(22));

        report.Passed.ShouldBe(passes, report.ToString());
        report.Tensors.Single().Unresolved.ShouldBe(0);
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(1.01, false)]
    public void A_dense_layer_with_outputs_near_1e9_is_read_from_steps_large_enough_to_move_them(double factor, bool passes)
    {
        var dense = new Zoo.Dense<double>(3, 4, seed: 29);
        for (int j = 0; j < dense.Outputs; j++)
        {
            dense.B.Value.Data[j] += 1e9;
        }

        ILayer<double> layer = factor == 1 ? dense : new Zoo.ScaledGradient<double>(dense, "W", factor);
        var report = GradCheck.Layer(layer, new Tensor<double>([2, 3], [1e-3, -2e-3, 3e-3, -1.5e-3, 2.5e-3, 5e-4]), Differences(29));

        report.Passed.ShouldBe(passes, report.ToString());
        if (!passes)
        {
            report.Failures.Select(t => t.Tensor).ShouldBe(["W"]);
        }
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(1.03, false)]
    public void A_float_cross_entropy_on_a_probability_of_0_035_is_not_passed_by_a_probe_beyond_its_domain(double factor, bool passes)
    {
        // The resolution's probes step up to 0.1 and take the log of a negative number: a NaN slope made the ladder's
        // allowance NaN, which no error exceeds, so the ladder refuted nothing and a wider allowance passed 3% off.
        var p = new Tensor<float>([1, 3], [0.035f, 0.5f, 0.465f]);

        var report = GradCheck.Layer(new CrossEntropyOfFirstClass<float>(factor), p, Differences(4));

        report.Passed.ShouldBe(passes, report.ToString());
    }

    private static GradCheckOptions Differences(int seed) => new() { Seed = seed, Reference = Reference.Differences };

    /// <summary>L = C + ½Σx², output [1]; its gradient scaled by <paramref name="factor"/> (1: correct).</summary>
    private sealed class HalfSquarePlus<T>(double constant, double factor) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private Tensor<T>? _x;

        public IReadOnlyList<Parameter<T>> Parameters => [];

        public Tensor<T> Forward(Tensor<T> input)
        {
            _x = input.Clone();
            T sum = T.CreateChecked(constant), half = T.CreateChecked(0.5);
            foreach (var x in input.Data)
            {
                sum += half * x * x;
            }

            return new Tensor<T>([1], [sum]);
        }

        public Tensor<T>? Backward(Tensor<T> outputGradient)
        {
            var x = _x ?? throw new InvalidOperationException("Backward before Forward.");
            T scale = T.CreateChecked(factor);
            return new Tensor<T>([.. x.Shape], [.. x.Data.Select(v => outputGradient.Data[0] * v * scale)]);
        }
    }

    /// <summary>L = −log p[n, 0] averaged over the rows: a cross-entropy on probabilities, every label 0; its gradient scaled by <paramref name="factor"/>.</summary>
    private sealed class CrossEntropyOfFirstClass<T>(double factor) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private Tensor<T>? _p;

        public IReadOnlyList<Parameter<T>> Parameters => [];

        public Tensor<T> Forward(Tensor<T> input)
        {
            _p = input.Clone();
            int rows = input.Shape[0], classes = input.Shape[1];
            T loss = T.Zero;
            for (int n = 0; n < rows; n++)
            {
                loss -= T.Log(input.Data[n * classes]);
            }

            return new Tensor<T>([1], [loss / T.CreateChecked(rows)]);
        }

        public Tensor<T>? Backward(Tensor<T> outputGradient)
        {
            var p = _p ?? throw new InvalidOperationException("Backward before Forward.");
            int rows = p.Shape[0], classes = p.Shape[1];
            var gradient = new Tensor<T>([.. p.Shape]);
            for (int n = 0; n < rows; n++)
            {
                gradient.Data[n * classes] = -outputGradient.Data[0] * T.CreateChecked(factor) / (T.CreateChecked(rows) * p.Data[n * classes]);
            }

            return gradient;
        }
    }
}
