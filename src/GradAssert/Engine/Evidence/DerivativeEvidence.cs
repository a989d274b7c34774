namespace GradAssert.Engine.Evidence;

/// <summary>
/// What finite differences measured along one perturbation (an element or a direction): the first estimate at ±h, and
/// the means to measure more (±2h, any other step, the objective's resolution) for a judge that needs it. One
/// instance serves every element of a tensor in turn; samples at ±2h are taken once and kept.
/// </summary>
/// <remarks>
/// A request its source cannot answer is recorded in <see cref="Missing"/>, and from then on nothing more is asked of
/// the source: every value read after it is NaN, and a judgement that read one is no judgement (the caller reads
/// <see cref="Missing"/> and asks another source, or none).
/// </remarks>
internal sealed class DerivativeEvidence
{
    private static readonly Sample Unknown = new(double.NaN, double.NaN, double.NaN, double.NaN);

    private readonly IEvidenceSource _source;
    private Sample? _plus2, _minus2, _plus4, _minus4;
    private bool _repeatedTwo, _repeatedFour;
    private (double Outputs, double Analytic)? _floors;
    private (Resolution? Value, bool Read) _resolution;

    public DerivativeEvidence(IEvidenceSource source, double eps)
    {
        _source = source;
        Eps = eps;
    }

    /// <summary>
    /// Why a request of the current perturbation's judgement was not answered (the first such request), or
    /// <see cref="Evidence.Missing.None"/> while every one was.
    /// </summary>
    public Missing Missing { get; private set; }

    /// <summary>The machine epsilon of the layer's type.</summary>
    public double Eps { get; }

    /// <summary>
    /// The root mean square of the tensor's analytic gradient (0 for a direction): the scale against which an element's
    /// allowance says how small an error of the tensor its check can see.
    /// </summary>
    public double TypicalGradient { get; init; }

    /// <summary>The step h.</summary>
    public double Step { get; private set; }

    /// <summary>g: the analytic derivative along the perturbation.</summary>
    public double Analytic { get; private set; }

    /// <summary>n: the numerical derivative the scheme gives (central, or four-point).</summary>
    public double Numerical { get; private set; }

    /// <summary>The rounding error of <see cref="Numerical"/>, from the outputs that moved.</summary>
    public double Rounding { get; private set; }

    /// <summary>The rounding error of <see cref="Analytic"/>, from the tensor's gradient scale.</summary>
    public double AnalyticRounding { get; private set; }

    /// <summary>The largest |value| in the perturbed tensor.</summary>
    public double ValueScale { get; private set; }

    /// <summary>The sample at +h.</summary>
    public Sample Plus1 { get; private set; }

    /// <summary>The sample at −h.</summary>
    public Sample Minus1 { get; private set; }

    /// <summary>
    /// The rounding of the terms values of the perturbed tensor contribute to the outputs, at step 1:
    /// eps·max|x|·Σ|rᵢ·∂yᵢ/∂x| (read from how much the outputs moved at ±h, at the tensor's largest value). A forward that
    /// sums such terms carries their rounding whatever the size of the result: a sum that nearly cancels, a value far
    /// from 0 minus its mean. Over a step s, the noise of a difference.
    /// </summary>
    public double TermRounding => Eps * Math.Max(ValueScale, Scale(Origin)) * (Plus1.Change + Minus1.Change) / (Plus1.Step - Minus1.Step);

    /// <summary>The unperturbed value of an element, or NaN for a direction.</summary>
    public double Origin { get; private set; } = double.NaN;

    /// <summary>The sample at +2h, taken on first use.</summary>
    public Sample Plus2 => _plus2 ??= Probe(2 * Step);

    /// <summary>The sample at −2h, taken on first use.</summary>
    public Sample Minus2 => _minus2 ??= Probe(-2 * Step);

    /// <summary>The sample at +4h, taken on first use.</summary>
    public Sample Plus4 => _plus4 ??= Probe(4 * Step);

    /// <summary>The sample at −4h, taken on first use.</summary>
    public Sample Minus4 => _minus4 ??= Probe(-4 * Step);

    /// <summary>Starts the evidence of the next perturbation.</summary>
    public void Reset(double step, Sample plus1, Sample minus1, double valueScale, double origin = double.NaN)
    {
        Origin = origin;
        Step = step;
        Plus1 = plus1;
        Minus1 = minus1;
        ValueScale = valueScale;
        _plus2 = null;
        _minus2 = null;
        _plus4 = null;
        _minus4 = null;
        _repeatedTwo = false;
        _repeatedFour = false;
        _floors = null;
        _resolution = default;
        Missing = Missing.None;
    }

    /// <summary>Records the first estimate.</summary>
    public void Estimate(double analytic, double numerical, double rounding, double analyticRounding)
    {
        Analytic = analytic;
        Numerical = numerical;
        Rounding = rounding;
        AnalyticRounding = analyticRounding;
    }

    /// <summary>
    /// Runs the unperturbed forward again and throws a contract error unless it gives the output bits the check started
    /// from: samples taken from a forward that drifts between calls are not evidence of anything.
    /// </summary>
    public void RequireUnperturbedOutput() => Note(Missing == Missing.None ? _source.CheckUnperturbedOutput() : Missing.None);

    /// <summary>
    /// Takes the samples at ±h and ±2h (and ±4h when <paramref name="withFourSteps"/>) again, each once per element, and
    /// throws a contract error unless each repeats bit for bit: only then is their scatter, or a slope that jumps, the
    /// forward's own shape rather than noise that differs from call to call.
    /// </summary>
    public void RequireRepeatableSamples(bool withFourSteps)
    {
        if (!_repeatedTwo)
        {
            RequireRepeat(Plus1, Step);
            RequireRepeat(Minus1, -Step);
            RequireRepeat(Plus2, 2 * Step);
            RequireRepeat(Minus2, -2 * Step);
            _repeatedTwo = true;
        }

        if (withFourSteps && !_repeatedFour)
        {
            RequireRepeat(Plus4, 4 * Step);
            RequireRepeat(Minus4, -4 * Step);
            _repeatedFour = true;
        }
    }

    /// <summary>The size a moved value's terms are read at: the element's own, or the tensor's largest for a direction.</summary>
    private double Scale(double origin) => double.IsNaN(origin) ? ValueScale : Math.Abs(origin);

    /// <summary>Evaluates the objective at another signed step.</summary>
    public Sample Sample(double offset) => Missing == Missing.None ? Take(_source.Sample(offset), Unknown) : Unknown;

    /// <summary>Evaluates the objective at a signed step where the layer may not be defined: there, a NaN projection.</summary>
    public Sample Probe(double offset) => Missing == Missing.None ? Take(_source.Probe(offset), Unknown) : Unknown;

    /// <summary>The rounding of the numerical and analytic derivatives from the resolution of every output the perturbation influences.</summary>
    public double Resolution() => ResolutionParts() is { } r ? Math.Max(Rounding, r.Numerical) + r.Analytic : double.NaN;

    /// <summary>
    /// The resolution in parts, to be read at other steps; null when the source did not give it. Found once per element,
    /// as several opinions ask for it and finding an element's outputs costs ten evaluations.
    /// </summary>
    public Resolution? ResolutionParts()
    {
        if (Missing != Missing.None)
        {
            return null;
        }

        if (!_resolution.Read)
        {
            var answer = _source.Resolution(ValueScale, AnalyticRounding);
            Note(answer.Missing);
            _resolution = (answer.Missing == Missing.None ? answer.Value : null, true);
        }

        return _resolution.Value;
    }

    /// <summary>
    /// The rounding floors of a Taylor test along this perturbation, found once per element: the rounding of any one
    /// evaluation of the objective (every output the perturbation influences, moved or not), and the rounding of the
    /// analytic derivative.
    /// </summary>
    public (double Outputs, double Analytic) Floors() =>
        _floors ??= Missing == Missing.None ? Take(_source.Floors(ValueScale, AnalyticRounding), (double.NaN, double.NaN)) : (double.NaN, double.NaN);

    /// <summary>Samples at <paramref name="offset"/> again; throws a contract error unless it gives <paramref name="earlier"/> bit for bit.</summary>
    public void RequireRepeat(Sample earlier, double offset) => Note(Missing == Missing.None ? _source.CheckRepeat(earlier, offset) : Missing.None);

    /// <summary>
    /// At a kink, the derivatives a correct backward may give: each output's slopes on either side of the element (from
    /// the samples at ±h and ±2h), and Σ rᵢ·sᵢ lowest and highest with each sᵢ anywhere between its output's two slopes.
    /// A tie in several pooling windows at once gives a subgradient that is a sum over some of them: neither one-sided
    /// slope of J, but within this range. NaN for a direction: a direction across a kink is drawn again instead.
    /// </summary>
    public (double Low, double High) SubgradientRange() =>
        Missing == Missing.None ? Take(_source.SubgradientRange(Step), (double.NaN, double.NaN)) : (double.NaN, double.NaN);

    /// <summary>The value of <paramref name="answer"/>, or <paramref name="unknown"/> with the reason recorded.</summary>
    private TValue Take<TValue>(Answer<TValue> answer, TValue unknown)
    {
        Note(answer.Missing);
        return answer.Missing == Missing.None ? answer.Value : unknown;
    }

    private void Note(Missing why)
    {
        if (Missing == Missing.None)
        {
            Missing = why;
        }
    }
}
