using System.Numerics;

namespace GradAssert;

/// <summary>
/// Numerical derivatives of one tensor's elements and the error model's verdict on each.
/// Perturbs the live storage in place and restores each element's exact bits before moving on.
/// </summary>
/// <remarks>
/// With the error model, an element costs two evaluations when it agrees at once. Only when it does not are the
/// steps ±2h taken too, to estimate truncation and rounding empirically (|D(h) − D(2h)|) and to tell a kink
/// (one-sided derivatives that disagree, one of them matching the analytic value) from a bug.
/// </remarks>
internal sealed class FiniteDifferences<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.Epsilon<T>();

    private readonly GradCheckOptions _options;
    private readonly Objective<T> _objective;
    private readonly Func<Tensor<T>> _evaluate;

    public FiniteDifferences(GradCheckOptions options, Objective<T> objective, Func<Tensor<T>> evaluate)
    {
        _options = options;
        _objective = objective;
        _evaluate = evaluate;
    }

    /// <summary>The default step for an element of value <paramref name="x"/>.</summary>
    public static double StepFor(GradCheckOptions options, double x)
    {
        if (options.Step.IsFixed)
        {
            return options.Step.Value;
        }

        double power = options.Scheme == DifferenceScheme.FourPoint ? 1.0 / 5.0 : 1.0 / 3.0;
        return Math.Pow(Eps, power) * Math.Max(1.0, Math.Abs(x));
    }

    /// <summary>Checks element <paramref name="index"/> of <paramref name="data"/> against analytic value <paramref name="g"/>.</summary>
    /// <param name="gScale">The largest |analytic| in the tensor: the scale of the analytic gradient's own rounding.</param>
    public ElementOutcome Check(T[] data, int index, double g, double gScale)
    {
        T original = data[index];
        double x = double.CreateTruncating(original);
        double h = StepFor(_options, x);
        try
        {
            var p1 = Evaluate(data, index, x, h);
            var m1 = Evaluate(data, index, x, -h);
            double d1 = Derivative(p1, m1);
            double rounding = Eps * (p1.Magnitude + m1.Magnitude) / (p1.Step - m1.Step);
            double analyticRounding = Eps * (Math.Abs(g) + gScale);

            if (_options.Scheme == DifferenceScheme.FourPoint)
            {
                var p2 = Evaluate(data, index, x, 2 * h);
                var m2 = Evaluate(data, index, x, -2 * h);
                double d2 = Derivative(p2, m2);
                double extrapolated = d1 + ((d1 - d2) / 3.0);
                return Judge(g, extrapolated, 2 * rounding, analyticRounding, p1, m1, p2, m2);
            }

            return Judge(g, d1, rounding, analyticRounding, p1, m1, default, default);
        }
        finally
        {
            data[index] = original;
        }
    }

    private ElementOutcome Judge(
        double g, double n, double rounding, double analyticRounding,
        Sample p1, Sample m1, Sample p2, Sample m2)
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
        if (!p2.Taken)
        {
            double x = p1.X;
            double h = p1.Requested;
            p2 = Evaluate(p1.Data!, p1.Index, x, 2 * h);
            m2 = Evaluate(p1.Data!, p1.Index, x, -2 * h);
        }

        double d1 = Derivative(p1, m1);
        double d2 = Derivative(p2, m2);
        double plus = OneSided(p1, p2);
        double minus = OneSided(m1, m2);
        double oneSidedRounding = 3 * rounding;
        double slack = s * (oneSidedRounding + analyticRounding);
        double jump = Math.Abs(plus - minus);
        bool slopesDisagree = jump > slack + (0.01 * Math.Max(Math.Abs(plus), Math.Abs(minus)));
        bool matchesOneSide = Math.Min(Math.Abs(g - plus), Math.Abs(g - minus)) <= slack + (Math.Sqrt(Eps) * Math.Abs(g));
        if (slopesDisagree && matchesOneSide)
        {
            return new(g, n, allowed, ElementStatus.Kink);
        }

        double empirical = Math.Abs(d1 - d2);
        double allowedSecond = s * (rounding + empirical + analyticRounding);
        if (Math.Abs(g - n) <= allowedSecond)
        {
            return new(g, n, allowedSecond, ElementStatus.Passed);
        }

        // Third opinion: one noisy pair can agree by chance. Steps ±4h give an independent estimate of the error
        // (rounding halves as the step doubles, so |D(2h) − D(4h)| is scaled back to step h).
        var p4 = Evaluate(p1.Data!, p1.Index, p1.X, 4 * p1.Requested);
        var m4 = Evaluate(p1.Data!, p1.Index, p1.X, -4 * p1.Requested);
        double d4 = Derivative(p4, m4);
        double allowedThird = s * (rounding + empirical + (2 * Math.Abs(d2 - d4)) + analyticRounding);
        return new(g, n, allowedThird, Math.Abs(g - n) <= allowedThird ? ElementStatus.Passed : ElementStatus.Failed);
    }

    private Sample Evaluate(T[] data, int index, double x, double offset)
    {
        T original = data[index];
        T moved = T.CreateTruncating(x + offset);
        data[index] = moved;
        var output = _evaluate();
        double projection = _objective.Project(output, out double magnitude);
        data[index] = original;
        return new Sample(true, data, index, original, x, offset, double.CreateTruncating(moved) - x, projection, magnitude);
    }

    /// <summary>The central difference, exact for the steps really taken (x ± h rounds in the layer's type).</summary>
    private static double Derivative(Sample plus, Sample minus) => QuadraticSlope(plus.Step, plus.Projection, minus.Step, minus.Projection);

    /// <summary>A second-order one-sided difference from the samples at h and 2h on one side.</summary>
    private static double OneSided(Sample near, Sample far) => QuadraticSlope(near.Step, near.Projection, far.Step, far.Projection);

    /// <summary>The slope at 0 of the parabola through (0, 0), (t1, a1) and (t2, a2).</summary>
    private static double QuadraticSlope(double t1, double a1, double t2, double a2) =>
        (-a1 * t2 / (t1 * (t1 - t2))) - (a2 * t1 / (t2 * (t2 - t1)));

    private readonly record struct Sample(
        bool Taken, T[]? Data, int Index, T Original, double X, double Requested, double Step, double Projection, double Magnitude);
}
