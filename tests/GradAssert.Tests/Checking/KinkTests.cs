using System.Numerics;
using GradAssert.Tests.Support;

using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Checking;

/// <summary>Kinks are not bugs: elements whose ±h evaluations straddle a non-differentiable point are skipped and counted.</summary>
public sealed class KinkTests
{
    [Theory]
    [InlineData(1e-9)]
    [InlineData(-1e-9)]
    public void Relu_input_next_to_its_kink_is_skipped_not_failed(double nearZero)
    {
        var x = new Tensor<double>([2, 3], [0.5, -1, nearZero, 0.25, 1.5, -0.75]);

        var report = GradientAssert.Layer(new Relu<double>(), x, new GradCheckOptions { Reference = Reference.Differences });

        report.Kinks.ShouldBe(1);
        report.Tensors.Single().Checked.ShouldBe(5);
        report.ToString().ShouldContain("1 element at kinks skipped");
    }

    [Theory]
    [InlineData(2e-6)]
    [InlineData(-3e-6)]
    public void Relu_input_a_step_from_its_kink_is_verified_by_smaller_steps_not_skipped(double nearZero)
    {
        // h = 6e-6 crosses the kink, but the derivative read from smaller steps converges on the element's own side.
        var x = new Tensor<double>([2, 3], [0.5, -1, nearZero, 0.25, 1.5, -0.75]);

        var report = GradientAssert.Layer(new Relu<double>(), x);

        report.Kinks.ShouldBe(0);
        report.Tensors.Single().Checked.ShouldBe(6);
    }

    [Fact]
    public void Abs_a_step_from_its_kink_in_float_is_verified_by_smaller_steps()
    {
        // float's h = 5e-3 crosses the kink at 0 for -1e-4 and 1e-3; smaller steps stay on their side.
        var x = new Tensor<float>([4], [0.5f, -1e-4f, 2f, 1e-3f]);

        var report = GradientAssert.Layer(new Abs<float>(), x);

        report.Kinks.ShouldBe(0);
        report.Tensors.Single().Checked.ShouldBe(4);
    }

    [Fact]
    public void Wrong_derivative_next_to_a_kink_still_fails()
    {
        var x = new Tensor<double>([3], [0.5, 1e-9, -2]);

        var report = GradCheck.Layer(new Exp<double> { Derivative = v => -v }, x);

        report.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Tie_across_overlapping_windows_is_verified_together_though_neither_one_sided_slope_matches()
    {
        // x[1] ties in both its windows: moved up it takes both, moved down neither, and the backward gives it the
        // second window's gradient only (ties go to the first element), which neither one-sided slope shows but each
        // window's own slopes allow. Before, this failed correct code. (x[0] and x[2] match one side each.)
        var x = new Tensor<double>([6], [1, 1, 1, 0.3, 2, -0.5]);

        var report = GradCheck.Layer(new OverlappingPairMax(), x, new GradCheckOptions { Seed = 3 });

        report.Passed.ShouldBeTrue(report.ToString());
        report.Kinks.ShouldBe(0); // the three tied elements, moved together, sum right
    }

    [Fact]
    public void Tie_in_a_minor_window_is_verified_together_though_its_slopes_differ_too_little_to_call_a_kink_up_front()
    {
        // x[1] ties with x[0] in a window whose output is scaled by 0.001 and wins the next one outright: its slopes on
        // either side differ by a thousandth of the window's gradient, under the 1% that calls a kink up front, and the
        // kink sits at x[1] itself, so a closer step does not help. Before, this failed correct code.
        var x = new Tensor<double>([5], [1, 1, 0.3, 2, -0.5]);

        var report = GradCheck.Layer(new OverlappingPairMax { FirstWindowScale = 0.001 }, x, new GradCheckOptions { Seed = 3 });

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Single().Ties.ShouldNotBeNull().Verified.ShouldBe(1); // x[0] and x[1], moved together, sum right
    }

    [Fact]
    public void Tie_that_routes_a_scaled_gradient_still_fails()
    {
        // x[0] ties with x[1] in its only window: its derivative is that window's gradient or 0, nothing 1% larger.
        var x = new Tensor<double>([5], [1, 1, 0.3, 2, -0.5]);

        var report = GradCheck.Layer(new OverlappingPairMax { TieFactor = 1.01 }, x, new GradCheckOptions { Seed = 3 });

        report.Passed.ShouldBeFalse();
        report.Tensors.Single().WorstIndex.ShouldBe([0]);
    }

    [Fact]
    public void Overlapping_max_pool_over_relu_zeros_is_not_failed_by_its_ties()
    {
        // 3×3 windows, stride 2, over a ReLU's output: zeros tie in several windows at once. Seed 6 failed correct code
        // (3 of 100 seeds, in double and in float).
        const int seed = 6;
        var model = new Sequential<double>(
            new Zoo.Conv2D<double>(2, 4, kernel: 3, padding: 1, seed: seed), new Zoo.ReLU<double>(), new Zoo.MaxPool2D<double>(3, stride: 2),
            new Zoo.Conv2D<double>(4, 3, kernel: 3, padding: 1, seed: seed + 100), new Zoo.ReLU<double>(), new Zoo.MaxPool2D<double>(3, stride: 2));

        var report = GradCheck.Layer(model, new GradientCase(seed).Normal<double>(2, 2, 9, 9), new GradCheckOptions { Seed = seed, Reference = Reference.Differences });

        report.Passed.ShouldBeTrue(report.ToString());
        GradCheck.Layer(model, new GradientCase(seed).Normal<double>(2, 2, 9, 9), new GradCheckOptions { Seed = seed }).Passed.ShouldBeTrue();
        var pool = report.Tensors.Single(t => t.Layer == "MaxPool2D#1" && t.Scope == CheckScope.Local);
        pool.Ties.ShouldNotBeNull().Verified.ShouldBeGreaterThan(0); // the zeros' ties, moved together, sum right
    }

    [Fact]
    public void Float_overlapping_max_pool_with_kinks_a_fraction_of_a_step_beside_its_inputs_passes_by_differences_alone()
    {
        // The larger-model tests' overlapping max-pool in float at seed 130 (LargerModelTests): three end-to-end input
        // elements sit 0.3h to 0.6h from a kink, which bends their differences at h, 2h and 4h, while smaller steps
        // drown in noise 20 times the outputs' rounding bound. They were unverifiable, and the check failed. On the far
        // side from each kink the slopes from h to 16h are steady to 0.1% and measure the derivative.
        var (model, input) = OverlappingPoolInFloat(130);

        var report = GradCheck.Layer(model, input, new GradCheckOptions { Reference = Reference.Differences });

        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Theory]
    [InlineData(1.03)]
    [InlineData(0.97)]
    public void Input_gradient_a_few_percent_off_beside_a_kink_still_fails_by_differences_alone(double factor)
    {
        // input[0,1,3,6] of that case (flat position 114 of [2,2,9,9]): slopes 0.0095 and about 0.1 either side of a kink 0.3h away.
        var (model, input) = OverlappingPoolInFloat(130);

        var report = GradCheck.Layer(new OneElementScaled(model, position: 114, factor), input, new GradCheckOptions { Reference = Reference.Differences });

        report.Passed.ShouldBeFalse(report.ToString());
        var inputRow = report.Tensors.Single(t => t.Tensor == "input");
        inputRow.Passed.ShouldBeFalse();
        inputRow.WorstIndex.ShouldBe([0, 1, 3, 6]);
    }

    [Fact]
    public void Mostly_kinks_is_reported_as_a_warning_instead_of_passing_silently()
    {
        var x = new Tensor<double>([4], [1e-9, -1e-9, 2e-9, 0.5]);

        var report = GradCheck.Layer(new Abs<double>(), x);

        report.Passed.ShouldBeTrue();
        report.Tensors.Single().MostlyKinks.ShouldBeTrue();
        report.Warnings.Single().ShouldStartWith("most elements of Abs.input (3 of 4) sat at kinks");
        report.ToString().ShouldContain("Warning: most elements of Abs.input (3 of 4) sat at kinks");
        report.ToString().ShouldContain("ok, kinks");
    }

    [Fact]
    public void Relu_network_with_inputs_at_the_kink_passes_with_kinks_counted()
    {
        var model = new Sequential<double>(new Dense<double>(3, 4, seed: 1), new Relu<double>(), new Dense<double>(4, 2, seed: 2));
        var x = new GradientCase(3).Normal<double>(5, 3);

        var report = GradientAssert.Layer(model, x);

        report.Blamed.ShouldBeEmpty();
    }
    [Fact]
    public void Float_model_whose_weights_all_sit_within_an_eighth_step_of_one_clamp_kink_passes()
    {
        // Seed 107 puts one of the 128 clamped outputs within 1e-4 of its bound: every first-layer weight then moves it
        // across within ±h/8, a jump of 2-7% of the slope that float's rounding bound at h/8 swamped (5 of 40 cases of
        // scripts/larger-models.sh failed so), although the samples show it plainly.
        var model = new Sequential<float>(
            new Zoo.Dense<float>(8, 16, 107), new Zoo.Abs<float>(), new Zoo.Dense<float>(16, 16, 108), new Zoo.Clamp<float>(), new Zoo.Dense<float>(16, 4, 109));
        var x = new GradientCase(107).Normal<float>(8, 8);

        var report = GradCheck.Layer(model, x);

        report.Passed.ShouldBeTrue(report.ToString());
        report.Kinks.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void Float_convnet_bias_moving_several_kinks_within_a_step_passes()
    {
        // A first-layer bias moves a whole channel: one kink at the element and another within h/8, so the jump at h/8 is
        // less than half the jump at h (seed 117 failed when half was asked); curvature would leave an eighth.
        var x = new GradientCase(117).Normal<float>(4, 3, 8, 8);

        var report = GradCheck.Layer(FloatConvnet(), x);

        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Theory]
    [InlineData(123)]
    [InlineData(133)]
    public void Float_convnet_on_12x12_images_passes_where_kinks_hide_below_the_rounding_bound(int seed)
    {
        // Seed 123: end to end, input elements sit at kinks whose jump (40% of a small slope) is below float's rounding
        // bound at h, so no kink was called, truncation did not show, and the ladder climbed to 64h, read the mean of
        // the two slopes and refuted a correct g; the even part J(t) + J(−t), growing as t does, shows the kink.
        // Seed 133: a max-pool's verified ties no longer counted as kinks, and the Taylor test along the whole gradient
        // crossed them and read first order.
        var x = new GradientCase(seed).Normal<float>(8, 3, 12, 12);

        var report = GradCheck.Layer(FloatConvnet(), x);

        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Kink_at_the_element_with_another_within_two_steps_is_not_refuted_by_the_mean_of_its_slopes()
    {
        // At x = 0 the slopes are 0 and 1; 1.5h to the left a second kink makes truncation show, so smaller steps are read.
        // Their central differences settle on 0.5, the mean of the two slopes, which is no derivative the backward owes.
        var x = new Tensor<double>([3], [0, 0.7, -0.4]);

        var report = GradCheck.Layer(new TwoKinks<double>(offset: 9e-6), x);

        report.Passed.ShouldBeTrue(report.ToString());
        report.Kinks.ShouldBe(1);
    }

    [Fact]
    public void Wrong_slope_at_a_kink_with_another_within_two_steps_still_fails()
    {
        // relu'(0) may be anything in [0, 1]; 1.5 is no subgradient.
        var x = new Tensor<double>([3], [0, 0.7, -0.4]);

        var report = GradCheck.Layer(new TwoKinks<double>(offset: 9e-6) { SlopeAtZero = 1.5 }, x);

        report.Passed.ShouldBeFalse();
    }

    /// <summary>The larger-model tests' overlapping max-pool model in float (3×3 windows, stride 2, after each ReLU) and its input.</summary>
    private static (Sequential<float> Model, Tensor<float> Input) OverlappingPoolInFloat(int seed) => (
        new Sequential<float>(
            new Zoo.Conv2D<float>(2, 4, kernel: 3, padding: 1, seed: seed), new Zoo.ReLU<float>(), new Zoo.MaxPool2D<float>(3, stride: 2),
            new Zoo.Conv2D<float>(4, 3, kernel: 3, padding: 1, seed: seed + 100), new Zoo.ReLU<float>(), new Zoo.MaxPool2D<float>(3, stride: 2)),
        new GradientCase(seed).Normal<float>(2, 2, 9, 9));

    /// <summary>The larger-model tests' convnet: two 3×3 convolutions (4 and 8 channels), each with ReLU and a 2×2 max-pool.</summary>
    private static Sequential<float> FloatConvnet() => new(
        "conv",
        new Zoo.Conv2D<float>(3, 4, kernel: 3, padding: 1, seed: 1),
        new Zoo.ReLU<float>(),
        new Zoo.MaxPool2D<float>(2),
        new Zoo.Conv2D<float>(4, 8, kernel: 3, padding: 1, seed: 2),
        new Zoo.ReLU<float>(),
        new Zoo.MaxPool2D<float>(2));

    /// <summary>A model whose input gradient is <paramref name="factor"/> times too large at one flat position.</summary>
    private sealed class OneElementScaled(ILayer<float> inner, int position, double factor) : ILayer<float>
    {
        public string Name => "OneElementScaled";

        public IReadOnlyList<Parameter<float>> Parameters => inner.Parameters;

        public Tensor<float> Forward(Tensor<float> input) => inner.Forward(input);

        public Tensor<float>? Backward(Tensor<float> outputGradient)
        {
            var inputGradient = inner.Backward(outputGradient);
            if (inputGradient is not null)
            {
                inputGradient.Data[position] *= (float)factor;
            }

            return inputGradient;
        }
    }

    /// <summary>y = relu(x) + relu(−x − offset)/2 + x³/10: kinks at 0 and at −offset; the backward takes relu'(0) = 0.</summary>
    private sealed class TwoKinks<T>(double offset) : TestLayer<T>("TwoKinks") where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>What the backward gives at x = 0 exactly; 0 (the left slope) is a valid choice.</summary>
        public double SlopeAtZero { get; init; }

        protected override Tensor<T> Compute(Tensor<T> x) =>
            Map(x, v => T.Max(v, T.Zero) + (T.Max(-v - Of(offset), T.Zero) / Of(2)) + (v * v * v / Of(10)));

        public override Tensor<T>? Backward(Tensor<T> dy)
        {
            var dx = new Tensor<T>(Input.Shape.ToArray());
            for (int i = 0; i < dx.Length; i++)
            {
                T v = Input.Data[i];
                T relu = v > T.Zero ? T.One : v == T.Zero ? Of(SlopeAtZero) : T.Zero;
                T second = -v - Of(offset) > T.Zero ? -Of(0.5) : T.Zero;
                dx.Data[i] = dy.Data[i] * (relu + second + (Of(0.3) * v * v));
            }

            return dx;
        }
    }
}
