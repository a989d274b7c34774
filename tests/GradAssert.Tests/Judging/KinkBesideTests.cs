using GradAssert.Engine.Evidence;
using GradAssert.Engine.Judging;

namespace GradAssert.Tests.Judging;

/// <summary>
/// A kink a fraction of a step beside an element (a near tie in overlapping pooling windows) bends the central
/// differences at h, 2h and 4h and the slopes on its side; in float noise far above the outputs' rounding bound the
/// smaller steps do not settle either. The slopes on the other side stay steady and measure the derivative: a correct
/// g passes on them, a wrong one does not, and the differences' growth, which a kink makes in any ratio, earns no
/// widening. The evidence here is that of the end-to-end input of the larger-model tests' overlapping max-pool in
/// float at seed 130 (LargerModelTests), whose element [0,1,3,6] has slopes 0.0095 and about 0.1 either side of a kink
/// 0.3h to its right and noise of 2.5e-7 in each sample.
/// </summary>
public sealed class KinkBesideTests
{
    private const double Step = 0.0049;
    private const double Near = 0.0095;
    private const double Far = 0.1;

    [Theory]
    [InlineData(0.3)]
    [InlineData(-0.6)]
    [InlineData(1.7)]
    public void Correct_derivative_beside_a_kink_passes_on_the_steady_side(double kinkInSteps)
    {
        var outcome = Judge(kinkInSteps, analytic: Near);

        outcome.Status.ShouldBe(ElementStatus.Passed, outcome.ToString());
        outcome.Unresolved.ShouldBeFalse(outcome.ToString());
        outcome.Allowed.ShouldBeLessThan(0.01 * Near * 10, "its allowance is s times the steady side's spread, not the bent differences'");
    }

    [Theory]
    [InlineData(0.3, 1.03)]
    [InlineData(-0.6, 0.97)]
    [InlineData(1.7, 1.03)]
    [InlineData(1.7, 1.3)]
    public void Derivative_a_few_percent_off_beside_a_kink_does_not_pass(double kinkInSteps, double factor)
    {
        var outcome = Judge(kinkInSteps, analytic: Near * factor);

        outcome.Status.ShouldNotBe(ElementStatus.Passed, outcome.ToString());
    }

    private static ElementOutcome Judge(double kinkInSteps, double analytic)
    {
        var source = new KinkBeside(kinkInSteps * Step);
        var e = new DerivativeEvidence(source, Precision.Epsilon<float>()) { TypicalGradient = 0.06 };
        var (plus, minus) = (source.At(Step), source.At(-Step));
        e.Reset(Step, plus, minus, valueScale: 1, origin: 0.28);
        double rounding = Precision.Epsilon<float>() * (plus.Magnitude + minus.Magnitude) / (2 * Step);
        e.Estimate(analytic, Sample.Central(plus, minus), rounding, analyticRounding: 4e-8);
        return Tolerance.Auto.Judge(secondOpinion: false).JudgeAlone(e);
    }

    /// <summary>
    /// J(t): slope <see cref="Near"/> up to a kink at <paramref name="kink"/>, <see cref="Far"/> beyond it, with a noise
    /// of 2.5e-7 fixed by t (the same at every call) and a common 2.5e-7 from the unperturbed output's own rounding, where
    /// the outputs' rounding bound reads 1.1e-8.
    /// </summary>
    private sealed class KinkBeside(double kink) : IEvidenceSource
    {
        public Sample At(double t)
        {
            bool beyond = kink > 0 ? t > kink : t < kink;
            double j = beyond ? (Near * kink) + (Far * (t - kink)) : Near * t;
            return new Sample(t, j + Noise(t) - 2.5e-7, Near * t, 0.09);
        }

        public Answer<Sample> Sample(double offset) => At(offset);

        public Answer<Sample> Probe(double offset) => At(offset);

        public Missing CheckUnperturbedOutput() => Missing.None;

        public Missing CheckRepeat(Sample earlier, double offset) => Missing.None;

        public Answer<Resolution> Resolution(double valueScale, double analyticRounding) => new Resolution(1.1e-8, 1.1e-8, 1, analyticRounding);

        public Answer<(double Outputs, double Analytic)> Floors(double valueScale, double analyticRounding) => (1.1e-8, analyticRounding);

        public Answer<(double Low, double High)> SubgradientRange(double step) => (double.NaN, double.NaN);

        private static double Noise(double t)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(t) * 0x9E3779B97F4A7C15UL;
            bits ^= bits >> 29;
            return 2.5e-7 * (((bits % 2001) / 1000.0) - 1);
        }
    }
}
