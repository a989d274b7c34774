using System.Numerics;

namespace GradAssert;

/// <summary>
/// The numerical derivative along one <see cref="Perturbation"/> (an element, or a direction) and the tolerance's
/// verdict on the analytic one. The perturbed values are put back bit for bit before it returns, also on exceptions.
/// </summary>
/// <remarks>
/// With the error model, a derivative costs two evaluations when it agrees at once. Only when it does not are the steps
/// ±2h taken too, to estimate truncation and rounding empirically (|D(h) − D(2h)|) and to tell a kink (one-sided
/// derivatives that disagree, one of them matching the analytic value) from a bug; if it still disagrees, ±4h, for
/// an independent second estimate, since one noisy pair can agree by chance; and last, the resolution of the outputs
/// the element influences, for outputs too saturated to move at all.
/// </remarks>
internal sealed class FiniteDifferences<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.Epsilon<T>();
    private static readonly double CentralStep = Math.Pow(Eps, 1.0 / 3.0);
    private static readonly double FourPointStep = Math.Pow(Eps, 1.0 / 5.0);

    private readonly GradCheckOptions _options;
    private readonly Objective<T> _objective;
    private readonly Func<Tensor<T>> _evaluate;
    private bool[]? _dependent;

    public FiniteDifferences(GradCheckOptions options, Objective<T> objective, Func<Tensor<T>> evaluate)
    {
        _options = options;
        _objective = objective;
        _evaluate = evaluate;
    }

    /// <summary>The step for a value of magnitude <paramref name="x"/>: ε^(1/3)·max(1, |x|) for central differences.</summary>
    public static double StepFor(GradCheckOptions options, double x)
    {
        if (options.Step.IsFixed)
        {
            return options.Step.Value;
        }

        return (options.Scheme == DifferenceScheme.FourPoint ? FourPointStep : CentralStep) * Math.Max(1.0, Math.Abs(x));
    }

    /// <summary>Differentiates along <paramref name="perturbation"/> and judges the analytic derivative.</summary>
    /// <param name="analyticScale">The scale of the analytic derivative's own rounding (the tensor's largest |g|).</param>
    /// <param name="valueScale">The largest |value| in the perturbed tensor.</param>
    public ElementOutcome Check(Perturbation perturbation, double analyticScale, double valueScale)
    {
        try
        {
            double h = perturbation.Step;
            var p1 = Evaluate(perturbation, h);
            var m1 = Evaluate(perturbation, -h);
            double g = perturbation.ExactAnalytic ?? Analytic(p1, m1);
            double d1 = Derivative(p1, m1);
            double rounding = Eps * (p1.Magnitude + m1.Magnitude) / (p1.Step - m1.Step);
            double analyticRounding = Eps * (Math.Abs(g) + analyticScale);

            if (_options.Scheme == DifferenceScheme.FourPoint)
            {
                var p2 = Evaluate(perturbation, 2 * h);
                var m2 = Evaluate(perturbation, -2 * h);
                double extrapolated = d1 + ((d1 - Derivative(p2, m2)) / 3.0);
                return Judge(perturbation, g, extrapolated, 2 * rounding, analyticRounding, valueScale, p1, m1, p2, m2);
            }

            return Judge(perturbation, g, d1, rounding, analyticRounding, valueScale, p1, m1, null, null);
        }
        finally
        {
            perturbation.Reset();
        }
    }

    private ElementOutcome Judge(
        Perturbation perturbation, double g, double n, double rounding, double analyticRounding, double valueScale,
        Sample p1, Sample m1, Sample? p2, Sample? m2)
    {
        var tolerance = _options.Tolerance;
        switch (tolerance.Kind)
        {
            case ToleranceKind.NormalizedDifference:
                return new(g, n, double.NaN, ElementStatus.Passed);
            case ToleranceKind.AllClose:
                double allowedClose = tolerance.Absolute + (tolerance.Relative * Math.Abs(n));
                return new(g, n, allowedClose, Math.Abs(g - n) <= allowedClose ? ElementStatus.Passed : ElementStatus.Failed);
        }

        double s = tolerance.SafetyFactor;
        double allowed = s * (rounding + analyticRounding);
        if (Math.Abs(g - n) <= allowed)
        {
            return new(g, n, allowed, ElementStatus.Passed);
        }

        // Second opinion: steps ±2h estimate the numerical error empirically and tell kinks from bugs.
        double h = perturbation.Step;
        var plus2 = p2 ?? Evaluate(perturbation, 2 * h);
        var minus2 = m2 ?? Evaluate(perturbation, -2 * h);
        double d1 = Derivative(p1, m1);
        double d2 = Derivative(plus2, minus2);
        double right = OneSided(p1, plus2);
        double left = OneSided(m1, minus2);
        double slack = s * ((3 * rounding) + analyticRounding);
        bool slopesChange = Math.Abs(right - left) > slack;
        bool slopesJump = slopesChange && Math.Abs(right - left) > slack + (0.01 * Math.Max(Math.Abs(right), Math.Abs(left)));
        bool matchesOneSide = Math.Min(Math.Abs(g - right), Math.Abs(g - left)) <= slack + (Math.Sqrt(Eps) * Math.Abs(g));
        if (slopesJump && matchesOneSide)
        {
            return new(g, n, allowed, ElementStatus.Kink);
        }

        double empirical = Math.Abs(d1 - d2);
        double allowedSecond = s * (rounding + empirical + analyticRounding);
        if (Math.Abs(g - n) <= allowedSecond)
        {
            return new(g, n, allowedSecond, ElementStatus.Passed);
        }

        // Third opinion: rounding halves as the step doubles, so |D(2h) − D(4h)| is scaled back to step h.
        var plus4 = Evaluate(perturbation, 4 * h);
        var minus4 = Evaluate(perturbation, -4 * h);
        double d4 = Derivative(plus4, minus4);
        double empiricalTotal = empirical + (2 * Math.Abs(d2 - d4));
        double allowedThird = s * (rounding + empiricalTotal + analyticRounding);
        if (Math.Abs(g - n) <= allowedThird)
        {
            return new(g, n, allowedThird, ElementStatus.Passed);
        }

        double allowedFourth = s * (Resolution(perturbation, valueScale, analyticRounding, rounding) + empiricalTotal);
        if (Math.Abs(g - n) <= allowedFourth)
        {
            return new(g, n, allowedFourth, ElementStatus.Passed);
        }

        // Last, for an element that would fail: a slope change too small to call a kink up front (a minor pooling
        // window's share) is one if the derivative closer in agrees. A wrong analytic value does not agree there.
        return slopesChange && AgreesCloser(perturbation, g, analyticRounding)
            ? new(g, n, allowedFourth, ElementStatus.Kink)
            : new(g, n, allowedFourth, ElementStatus.Failed);
    }

    /// <summary>
    /// Two kinks within ±2h (a near tie in overlapping pooling windows) spoil both one-sided slopes. Closer in, at
    /// ±h/64 or ±h/4096, the kinks fall outside the stencil: a right analytic derivative agrees there, a wrong one does not.
    /// </summary>
    private bool AgreesCloser(Perturbation perturbation, double g, double analyticRounding)
    {
        foreach (double shrink in (ReadOnlySpan<double>)[64, 4096])
        {
            double fine = perturbation.Step / shrink;
            var plus = Evaluate(perturbation, fine);
            var minus = Evaluate(perturbation, -fine);
            if (plus.Step <= 0 || minus.Step >= 0)
            {
                return false; // the value cannot move that little in its type
            }

            double rounding = Eps * (plus.Magnitude + minus.Magnitude) / (plus.Step - minus.Step);
            if (Math.Abs(g - Derivative(plus, minus)) <= _options.Tolerance.SafetyFactor * (rounding + analyticRounding))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Fourth opinion, for a derivative that disagrees three times: the resolution of the objective itself. An output
    /// that depends on the element but moved by less than half an ulp at ±h (a saturated sigmoid, a softmax probability
    /// of 1) carries rounding all the same, which <see cref="Objective{T}.Project"/> cannot see. The dependent outputs are
    /// found with larger steps (up to a tenth of the value), and their rounding is counted whether they moved or not,
    /// with eps·|x| per output for forwards that cancel x-sized terms (log-sum-exp − x). The analytic side gets the
    /// rounding of the upstream-sized terms a backward combines over those outputs (y·(dy − Σdy·y)).
    /// </summary>
    /// <returns>The rounding of the numerical and the analytic derivative together.</returns>
    private double Resolution(Perturbation perturbation, double valueScale, double analyticRounding, double rounding)
    {
        var dependent = _dependent ??= new bool[_objective.Length];
        Array.Clear(dependent);
        double h = perturbation.Step, largest = h;
        double cap = 0.1 * Math.Max(1, valueScale);
        foreach (double multiple in (ReadOnlySpan<double>)[1, 2, 4, 64, 1024])
        {
            double step = Math.Max(h, Math.Min(multiple * h, cap));
            largest = Math.Max(largest, step);
            foreach (double offset in (ReadOnlySpan<double>)[step, -step])
            {
                perturbation.Apply(offset);
                _objective.MarkChanged(_evaluate(), dependent);
                perturbation.Reset();
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

    private Sample Evaluate(Perturbation perturbation, double offset)
    {
        var displacement = perturbation.Apply(offset);
        var output = _evaluate();
        double projection = _objective.Project(output, out double magnitude);
        perturbation.Reset();
        return new Sample(displacement.Step, projection, displacement.Predicted, magnitude);
    }

    /// <summary>The central difference, exact for the steps really taken (x ± h rounds in the layer's type).</summary>
    private static double Derivative(Sample plus, Sample minus) => QuadraticSlope(plus.Step, plus.Projection, minus.Step, minus.Projection);

    /// <summary>The analytic derivative along the displacement really taken.</summary>
    private static double Analytic(Sample plus, Sample minus) => QuadraticSlope(plus.Step, plus.Predicted, minus.Step, minus.Predicted);

    /// <summary>A second-order one-sided difference from the samples at h and 2h on one side.</summary>
    private static double OneSided(Sample near, Sample far) => QuadraticSlope(near.Step, near.Projection, far.Step, far.Projection);

    /// <summary>The slope at 0 of the parabola through (0, 0), (t1, a1) and (t2, a2).</summary>
    private static double QuadraticSlope(double t1, double a1, double t2, double a2) =>
        (-a1 * t2 / (t1 * (t1 - t2))) - (a2 * t1 / (t2 * (t2 - t1)));

    /// <param name="Step">The signed step really taken.</param>
    /// <param name="Projection">&lt;r, y − y0&gt;: the objective's change.</param>
    /// <param name="Predicted">The analytic gradient's prediction of that change.</param>
    /// <param name="Magnitude">The scale of the rounding in <paramref name="Projection"/>.</param>
    private readonly record struct Sample(double Step, double Projection, double Predicted, double Magnitude);
}
