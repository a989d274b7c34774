using System.Numerics;

namespace GradAssert.Engine;

/// <summary>
/// The numerical derivative along one <see cref="Perturbation"/> (an element, or a direction), judged by the options'
/// <see cref="Tolerance"/>, which asks for more samples when it needs them. The perturbed values are put back bit for
/// bit before it returns, also on exceptions.
/// </summary>
internal sealed class FiniteDifferences<T> : IDerivativeSampler where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.Epsilon<T>();

    private readonly GradCheckOptions _options;
    private readonly Objective<T> _objective;
    private readonly Func<Tensor<T>> _evaluate;
    private readonly DerivativeEvidence _evidence;
    private Perturbation _perturbation = null!;
    private bool[]? _dependent;

    public FiniteDifferences(GradCheckOptions options, Objective<T> objective, Func<Tensor<T>> evaluate)
    {
        _options = options;
        _objective = objective;
        _evaluate = evaluate;
        _evidence = new DerivativeEvidence(this, Eps);
    }

    /// <summary>The step for a value of magnitude <paramref name="x"/> under the options' step rule and scheme.</summary>
    public static double StepFor(GradCheckOptions options, double x) => options.Step.For(x, options.Scheme, Eps);

    /// <summary>Differentiates along <paramref name="perturbation"/> and judges the analytic derivative.</summary>
    /// <param name="analyticScale">The scale of the analytic derivative's own rounding (the tensor's largest |g|).</param>
    /// <param name="valueScale">The largest |value| in the perturbed tensor.</param>
    public ElementOutcome Check(Perturbation perturbation, double analyticScale, double valueScale)
    {
        _perturbation = perturbation;
        try
        {
            double h = perturbation.Step;
            var p1 = Sample(h);
            var m1 = Sample(-h);
            _evidence.Reset(h, p1, m1, valueScale);
            double g = perturbation.ExactAnalytic ?? Engine.Sample.Analytic(p1, m1);
            double d1 = Engine.Sample.Central(p1, m1);
            double rounding = Eps * (p1.Magnitude + m1.Magnitude) / (p1.Step - m1.Step);
            double analyticRounding = Eps * (Math.Abs(g) + analyticScale);
            if (_options.Scheme == DifferenceScheme.FourPoint)
            {
                // Richardson: the central differences at h and 2h combine into an O(h⁴) estimate.
                double extrapolated = d1 + ((d1 - Engine.Sample.Central(_evidence.Plus2, _evidence.Minus2)) / 3.0);
                _evidence.Estimate(g, extrapolated, 2 * rounding, analyticRounding);
            }
            else
            {
                _evidence.Estimate(g, d1, rounding, analyticRounding);
            }

            return _options.Tolerance.JudgeElement(_evidence);
        }
        finally
        {
            perturbation.Reset();
        }
    }

    public Sample Sample(double offset)
    {
        var displacement = _perturbation.Apply(offset);
        var output = _evaluate();
        double projection = _objective.Project(output, out double magnitude);
        _perturbation.Reset();
        return new Sample(displacement.Step, projection, displacement.Predicted, magnitude);
    }

    /// <summary>
    /// The resolution of the objective itself, for a derivative that disagrees three times. An output that depends on
    /// the element but moved by less than half an ulp at ±h (a saturated sigmoid, a softmax probability of 1) carries
    /// rounding all the same, which <see cref="Objective{T}.Project"/> cannot see. The dependent outputs are found with
    /// larger steps (up to a tenth of the value), and their rounding is counted whether they moved or not, with eps·|x|
    /// per output for forwards that cancel x-sized terms (log-sum-exp − x). The analytic side gets the rounding of the
    /// upstream-sized terms a backward combines over those outputs (y·(dy − Σdy·y)).
    /// </summary>
    /// <returns>The rounding of the numerical and the analytic derivative together.</returns>
    public double Resolution(double valueScale, double analyticRounding, double rounding)
    {
        var dependent = _dependent ??= new bool[_objective.Length];
        Array.Clear(dependent);
        double h = _perturbation.Step, largest = h;
        double cap = 0.1 * Math.Max(1, valueScale);
        foreach (double multiple in (ReadOnlySpan<double>)[1, 2, 4, 64, 1024])
        {
            double step = Math.Max(h, Math.Min(multiple * h, cap));
            largest = Math.Max(largest, step);
            foreach (double offset in (ReadOnlySpan<double>)[step, -step])
            {
                _perturbation.Apply(offset);
                _objective.MarkChanged(_evaluate(), dependent);
                _perturbation.Reset();
            }
        }

        // Nothing moves even at the largest step: the element's influence is below the objective's resolution.
        bool any = Array.IndexOf(dependent, true) >= 0;
        if (!any)
        {
            Array.Fill(dependent, true);
        }

        double outputs = _objective.Magnitude(dependent) + (_objective.UpstreamSum(dependent) * valueScale);
        double numerical = Eps * outputs / (any ? h : largest);
        double analytic = Math.Max(analyticRounding, Eps * _objective.Magnitude(dependent));
        return Math.Max(rounding, numerical) + analytic;
    }
}
