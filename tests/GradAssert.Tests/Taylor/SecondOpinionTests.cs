using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Taylor;

/// <summary>
/// The Taylor test as the second opinion on elements near their tolerance: it fails a borderline pass whose remainder
/// is first order, clears a borderline failure whose remainders resolve no first-order term as large as the error
/// claimed, leaves everything else as the first verdict had it, and the report names every element that got it.
/// </summary>
public sealed class SecondOpinionTests
{
    private const double X = 0.7, H = 5e-3;

    [Fact]
    public void Float_gradient_off_by_three_in_a_thousand_passes_the_first_opinion_and_fails_the_second()
    {
        // A case whose larger steps cannot read every element finely enough either (in 19 of the first 30 they can).
        var layer = new Zoo.ScaledGradient<float>(new Zoo.Softmax<float>(), "input", 1.003);
        var input = new GradientCase(10).Normal<float>(3, 5);

        var first = GradCheck.Layer(layer, input, new GradCheckOptions { SecondOpinion = false, Reference = Reference.Differences });
        var report = GradCheck.Layer(layer, input, new GradCheckOptions { Reference = Reference.Differences });

        first.Passed.ShouldBeTrue("the first opinion alone cannot see 0.3% in float here");
        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Softmax"]);
        var overturned = report.Tensors.Single().TaylorTests.Where(t => t.SecondOpinion && t.Overturned).ToArray();
        overturned.ShouldNotBeEmpty();
        overturned.ShouldAllBe(t => t.Verdict == TaylorVerdict.FirstOrder && t.FirstErrorToTolerance <= 1);
        report.ToString().ShouldContain($"Softmax.input: second opinion for ");
        report.ToString().ShouldContain($"{overturned[0].Along} (err/tol {ResultWords.Ratio(overturned[0].FirstErrorToTolerance)}) order {overturned[0].OrderText}, now WRONG");
    }

    [Theory]
    [InlineData(8, 4, 100)] // failed end to end: three borderline passes of Conv2D#1.W read first order
    [InlineData(4, 8, 104)] // failed layer by layer: MaxPool2D#1's input along its gradient read first order
    public void Float_convnet_through_relu_and_max_pool_is_not_failed_by_its_kinks(int batch, int channels, int seed)
    {
        // End to end, a first-layer weight moves hundreds of ReLU and max-pool units, and the larger Taylor steps cross their
        // kinks on both sides; layer by layer, a max-pool's input moved along its gradient crosses the ties of ReLU's zeros
        // at θ. Both read as first order on this correct model before the end-to-end rows of a model checked layer by
        // layer stopped taking second opinions and tensors with kinks stopped being tested along their gradient.
        var model = new Sequential<float>(
            "conv",
            new Zoo.Conv2D<float>(3, channels, kernel: 3, padding: 1, seed: 1),
            new Zoo.ReLU<float>(),
            new Zoo.MaxPool2D<float>(2),
            new Zoo.Conv2D<float>(channels, 8, kernel: 3, padding: 1, seed: 2),
            new Zoo.ReLU<float>(),
            new Zoo.MaxPool2D<float>(2));

        var report = GradCheck.Layer(model, new GradientCase(seed).Normal<float>(batch, 3, 12, 12));

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.SelectMany(t => t.TaylorTests).ShouldNotContain(t => t.Overturned);
    }

    [Fact]
    public void Float_dense_layer_whose_sums_round_to_a_grid_is_not_failed_by_that_rounding()
    {
        // Dense#2.W[2,21] alone: the float forward rounds the moved product to the partial sum's grid, by opposite amounts
        // at +h and −h, so its remainders halved with h as a wrong gradient's would, 40 times above the outputs' rounding.
        // The term's own scatter between steps now counts as noise, as the curvature's did.
        const int Seed = 228;
        var model = new Sequential<float>(
            new Zoo.Dense<float>(16, 32, seed: Seed),
            new Zoo.ReLU<float>(),
            new Zoo.Dense<float>(32, 32, seed: Seed + 1),
            new Zoo.ReLU<float>(),
            new Zoo.Dense<float>(32, 4, seed: Seed + 2));

        var report = GradCheck.Layer(model, new GradientCase(Seed).Normal<float>(8, 16));

        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Borderline_pass_of_a_right_gradient_is_kept()
    {
        var outcome = Review(analytic: Math.Cos(X), numerical: Math.Cos(X) + 5e-11, allowed: 1e-10, ElementStatus.Passed);

        outcome.Status.ShouldBe(ElementStatus.Passed);
        outcome.Taylor!.Verdict.ShouldBe(TaylorVerdict.SecondOrder);
        outcome.Taylor.Overturned.ShouldBeFalse();
        outcome.Taylor.FirstErrorToTolerance.ShouldBe(0.5, 1e-6);
    }

    [Fact]
    public void Borderline_pass_of_a_gradient_off_by_a_part_in_a_million_fails()
    {
        double g = Math.Cos(X) * (1 + 1e-6);

        var outcome = Review(analytic: g, numerical: g - 5e-11, allowed: 1e-10, ElementStatus.Passed);

        outcome.Status.ShouldBe(ElementStatus.Failed);
        outcome.Taylor!.Verdict.ShouldBe(TaylorVerdict.FirstOrder);
        outcome.Taylor.Overturned.ShouldBeTrue();
        outcome.Numerical.ShouldBe(Math.Cos(X), 1e-10);
        outcome.Badness.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Borderline_failure_whose_remainders_show_no_first_order_term_passes()
    {
        var outcome = Review(analytic: Math.Cos(X), numerical: Math.Cos(X) + 3e-8, allowed: 1e-8, ElementStatus.Failed);

        outcome.Status.ShouldBe(ElementStatus.Passed);
        outcome.Taylor!.Verdict.ShouldBe(TaylorVerdict.SecondOrder);
        outcome.Taylor.Overturned.ShouldBeTrue();
        outcome.Badness.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Borderline_failure_of_a_wrong_gradient_stays_a_failure()
    {
        double g = Math.Cos(X) * (1 + 1e-7);

        var outcome = Review(analytic: g, numerical: Math.Cos(X), allowed: g * 1e-7 / 3, ElementStatus.Failed);

        outcome.Status.ShouldBe(ElementStatus.Failed);
        outcome.Taylor!.Verdict.ShouldBe(TaylorVerdict.FirstOrder);
        outcome.Taylor.Overturned.ShouldBeFalse();
    }

    [Fact]
    public void Failure_far_beyond_its_tolerance_gets_no_second_opinion()
    {
        var outcome = Review(analytic: Math.Cos(X), numerical: Math.Cos(X) + 2e-7, allowed: 1e-8, ElementStatus.Failed);

        outcome.Status.ShouldBe(ElementStatus.Failed);
        outcome.Taylor.ShouldBeNull();
    }

    [Fact]
    public void Pass_far_within_its_tolerance_gets_no_second_opinion()
    {
        var outcome = Review(analytic: Math.Cos(X), numerical: Math.Cos(X) + 1e-12, allowed: 1e-10, ElementStatus.Passed);

        outcome.Taylor.ShouldBeNull();
    }

    [Fact]
    public void Without_the_option_no_element_gets_a_second_opinion()
    {
        var report = GradCheck.Layer(new Zoo.Softmax<float>(), new GradientCase(5).Normal<float>(3, 5), new GradCheckOptions { SecondOpinion = false });

        report.Tensors.ShouldAllBe(t => t.TaylorTests.Count == 0);
        report.ToString().ShouldNotContain("Taylor tests");
    }

    /// <summary>The second opinion on an element of J(x) = sin(x) at x = 0.7, whose first verdict was (numerical, allowed, status).</summary>
    private static ElementOutcome Review(double analytic, double numerical, double allowed, ElementStatus status)
    {
        var sampler = new Sine(analytic);
        var evidence = new DerivativeEvidence(sampler, Eps);
        evidence.Reset(H, sampler.Sample(H).Value, sampler.Sample(-H).Value, valueScale: X);
        evidence.Estimate(analytic, numerical, rounding: Eps / H, analyticRounding: Eps);
        var c = new ElementCase(evidence, ErrorModelTolerance.DefaultSafetyFactor);
        return new TaylorSecondOpinion().Judge(c, new ElementOutcome(analytic, numerical, allowed, status))!.Value;
    }

    private const double Eps = 1.0 / (1L << 52);

    /// <summary>J(x + t) − J(x) for J = sin, with the analytic derivative given; the rounding of double.</summary>
    private sealed class Sine(double analytic) : IEvidenceSource
    {
        public Answer<Sample> Sample(double offset) => new Sample(offset, Math.Sin(X + offset) - Math.Sin(X), analytic * offset, 1);

        public Answer<Sample> Probe(double offset) => Sample(offset);

        public Missing CheckUnperturbedOutput() => Missing.None;

        public Missing CheckRepeat(Sample earlier, double offset)
        {
            Sample(offset).Value.ShouldBe(earlier);
            return Missing.None;
        }

        public Answer<Resolution> Resolution(double valueScale, double analyticRounding) => new Resolution(0, 0, 1, analyticRounding);

        public Answer<(double Outputs, double Analytic)> Floors(double valueScale, double analyticRounding) => (Eps, analyticRounding);

        public Answer<(double Low, double High)> SubgradientRange(double step) => throw new NotSupportedException("sin has no kink");
    }
}
