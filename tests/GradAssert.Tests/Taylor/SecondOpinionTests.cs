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
        var layer = new Zoo.ScaledGradient<float>(new Zoo.Softmax<float>(), "input", 1.003);
        var input = new GradientCase(5).Normal<float>(3, 5);

        var first = GradCheck.Layer(layer, input, new GradCheckOptions { SecondOpinion = false });
        var report = GradCheck.Layer(layer, input);

        first.Passed.ShouldBeTrue("the first opinion alone cannot see 0.3% in float here");
        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Softmax"]);
        var overturned = report.Tensors.Single().TaylorTests.Where(t => t.SecondOpinion && t.Overturned).ToArray();
        overturned.ShouldNotBeEmpty();
        overturned.ShouldAllBe(t => t.Verdict == TaylorVerdict.FirstOrder && t.FirstErrorToTolerance <= 1);
        report.ToString().ShouldContain($"Softmax.input: second opinion for ");
        report.ToString().ShouldContain($"{overturned[0].Along} (err/tol {ResultWords.Ratio(overturned[0].FirstErrorToTolerance)}) order {overturned[0].OrderText}, now WRONG");
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
        var evidence = new DerivativeEvidence(sampler, Eps) { SecondOpinion = true };
        evidence.Reset(H, sampler.Sample(H), sampler.Sample(-H), valueScale: X);
        evidence.Estimate(analytic, numerical, rounding: Eps / H, analyticRounding: Eps);
        return TaylorSecondOpinion.Review(evidence, new ElementOutcome(analytic, numerical, allowed, status), ErrorModelTolerance.DefaultSafetyFactor);
    }

    private const double Eps = 1.0 / (1L << 52);

    /// <summary>J(x + t) − J(x) for J = sin, with the analytic derivative given; the rounding of double.</summary>
    private sealed class Sine(double analytic) : IDerivativeSampler
    {
        public Sample Sample(double offset) => new(offset, Math.Sin(X + offset) - Math.Sin(X), analytic * offset, 1);

        public void RequireUnperturbedOutput()
        {
        }

        public void RequireRepeat(Sample earlier, double offset) => Sample(offset).ShouldBe(earlier);

        public double Resolution(double valueScale, double analyticRounding, double rounding) => rounding + analyticRounding;

        public (double Outputs, double Analytic) Floors(double valueScale, double analyticRounding) => (Eps, analyticRounding);
    }
}
