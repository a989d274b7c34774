namespace GradAssert.Engine.Evidence;

/// <summary>
/// The evidence behind a grouped first opinion: the two samples at ±h measured in the group, and nothing more. Anything
/// else a judge asks for (a sample at ±2h, the unperturbed output again, a repeat, the resolution, a Taylor test's
/// floors) is <see cref="Missing.NotMeasured"/>, and the element is compared alone, exactly as without grouping.
/// </summary>
internal sealed class FirstOpinionOnly : IEvidenceSource
{
    public Answer<Sample> Sample(double offset) => Answer<Sample>.Not(Missing.NotMeasured);

    public Answer<Sample> Probe(double offset) => Answer<Sample>.Not(Missing.NotMeasured);

    public Missing CheckUnperturbedOutput() => Missing.NotMeasured;

    public Missing CheckRepeat(Sample earlier, double offset) => Missing.NotMeasured;

    public Answer<Resolution> Resolution(double valueScale, double analyticRounding) => Answer<Resolution>.Not(Missing.NotMeasured);

    public Answer<(double Outputs, double Analytic)> Floors(double valueScale, double analyticRounding) => Answer<(double, double)>.Not(Missing.NotMeasured);

    public Answer<(double Low, double High)> SubgradientRange(double step) => Answer<(double, double)>.Not(Missing.NotMeasured);
}
