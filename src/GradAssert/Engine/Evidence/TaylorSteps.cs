namespace GradAssert.Engine.Evidence;

/// <summary>
/// The samples of one Taylor remainder test and what follows from them at each step: the one-sided remainders on
/// either side of θ, the first-order term with the curvature cancelled, the curvature's share, and the rounding floor.
/// </summary>
internal sealed class TaylorSteps
{
    /// <summary>The steps as multiples of the first opinion's h: 4h, 2h, h (whose samples are reused), then down to h/64.</summary>
    public static readonly double[] Multiples = [4, 2, 1, 1.0 / 2, 1.0 / 4, 1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64];

    /// <param name="h">The first opinion's step.</param>
    /// <param name="plus">The samples at +h·<see cref="Multiples"/>.</param>
    /// <param name="minus">The samples at −h·<see cref="Multiples"/>.</param>
    /// <param name="eps">The machine epsilon of the layer's type.</param>
    /// <param name="floor">A floor under every step's own rounding (the rounding of the outputs that depend on the
    /// perturbation, whether they moved or not); 0 to use each sample's own rounding alone.</param>
    public TaylorSteps(double h, Sample[] plus, Sample[] minus, double eps, double floor)
    {
        int n = Multiples.Length;
        H = h;
        Eps = eps;
        Plus = plus;
        Minus = minus;
        var steps = new double[n];
        var remainders = new double[n];
        var opposite = new double[n];
        var cancelled = new double[n];
        var even = new double[n];
        var linear = new double[n];
        var floors = new double[n];
        var curvature = new double[n];
        for (int k = 0; k < n; k++)
        {
            var (p, m) = (plus[k], minus[k]);
            steps[k] = h * Multiples[k];
            double ep = p.Projection - p.Predicted, em = m.Projection - m.Predicted;
            remainders[k] = Math.Abs(ep);
            opposite[k] = Math.Abs(em);

            // The parabola through (0, 0), (t+, E+) and (t−, E−): its slope is the first-order term with the curvature
            // cancelled (the central difference minus the analytic derivative), its quadratic coefficient the curvature.
            linear[k] = Sample.Central(p, m) - Sample.Analytic(p, m);
            double half = (p.Step - m.Step) / 2;
            cancelled[k] = Math.Abs(linear[k]) * half;
            curvature[k] = ((ep / p.Step) - (em / m.Step)) / (p.Step - m.Step);
            even[k] = Math.Abs(curvature[k]) * half * half;
        }

        // The curvature the two sides share is a smooth function of h, b + d·h² + …, plus the rounding noise of the
        // samples over h². Its change from one halving to the next falls fourfold when it is truncation, so four times
        // one change minus the change before cancels the truncation and leaves the noise (times 4/h²): the noise the
        // first-order term carries too.
        //
        // The first-order term, c + d·h² + noise/h, scatters the same way once its truncation is cancelled: a forward that
        // rounds its sums to a grid rounds +h and −h by opposite amounts, which the curvature never sees but the term does.
        Noise = 0;
        for (int k = FirstSmall; k < n; k++)
        {
            double before = curvature[k - 2] - curvature[k - 1], change = curvature[k - 1] - curvature[k];
            Noise = Math.Max(Noise, Math.Abs(before - (4 * change)) * steps[k] * steps[k] / 4);
            double termBefore = linear[k - 2] - linear[k - 1], termChange = linear[k - 1] - linear[k];
            Noise = Math.Max(Noise, Math.Abs(termBefore - (4 * termChange)) * steps[k] / 4);
        }

        for (int k = 0; k < n; k++)
        {
            floors[k] = Math.Max(Math.Max(floor, Noise), eps * Math.Max(plus[k].Magnitude, minus[k].Magnitude));
        }

        Steps = steps;
        Remainders = remainders;
        OppositeRemainders = opposite;
        CancelledRemainders = cancelled;
        EvenRemainders = even;
        Linear = linear;
        Floor = floors;
    }

    /// <summary>The noise is measured from here on (h₀ and smaller), where truncation no longer moves the curvature.</summary>
    private const int FirstSmall = 3;

    /// <summary>The rounding noise of a remainder, measured from how the curvature scatters at the small steps.</summary>
    public double Noise { get; }

    /// <summary>The first opinion's step, h₀.</summary>
    public double H { get; }

    public double Eps { get; }

    public Sample[] Plus { get; }

    public Sample[] Minus { get; }

    /// <summary>The nominal steps, largest first.</summary>
    public double[] Steps { get; }

    /// <summary>|E(+h)| = |J(θ+hv) − J(θ) − h⟨g, v⟩|.</summary>
    public double[] Remainders { get; }

    /// <summary>|E(−h)|.</summary>
    public double[] OppositeRemainders { get; }

    /// <summary>|a(h)|·h, with a(h) the first-order term with the curvature cancelled.</summary>
    public double[] CancelledRemainders { get; }

    /// <summary>The curvature's share of the remainder, |b(h)|·h²: of order h² when smooth, of order h at a kink.</summary>
    public double[] EvenRemainders { get; }

    /// <summary>a(h) = D(h) − g, signed: the central difference minus the analytic derivative.</summary>
    public double[] Linear { get; }

    /// <summary>The rounding floor at each step.</summary>
    public double[] Floor { get; }

    /// <summary>The same samples over another floor.</summary>
    public TaylorSteps WithFloor(double floor) => new(H, Plus, Minus, Eps, floor);

    /// <summary>Whether the objective itself moved by more than its rounding at step k, on both sides.</summary>
    public bool Moved(int k, double clean) =>
        Math.Abs(Plus[k].Projection) > clean * Floor[k] && Math.Abs(Minus[k].Projection) > clean * Floor[k];
}
