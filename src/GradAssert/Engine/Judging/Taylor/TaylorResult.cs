using System.Globalization;
using GradAssert.Engine.Evidence;

namespace GradAssert;

/// <summary>
/// One Taylor remainder test: along a direction v (one element, or a whole tensor along its gradient), the objective
/// J is evaluated at θ ± h·v for the steps h = 4h₀, 2h₀, h₀, h₀/2, …, h₀/64, and the first-order remainder
/// |J(θ+hv) − J(θ) − h⟨g, v⟩| is read for the power of h it falls with. A right gradient leaves a remainder of order
/// h² (curvature), a wrong one a remainder of order h; the observed order needs no tolerance, only the rounding floor
/// below which a remainder means nothing.
/// </summary>
/// <remarks>
/// The one-sided remainder can be dominated by its h² curvature term down to the floor even when a small first-order
/// term is there. The same samples at +h and −h cancel the curvature: ½|J(θ+hv) − J(θ−hv) − 2h⟨g, v⟩| falls as h³ for a
/// right gradient and as h for a wrong one (<see cref="CancelledOrder"/>), which resolves first-order terms about ten
/// times smaller. A <see cref="TaylorVerdict.FirstOrder"/> verdict needs that first-order term on both sides of θ, the
/// same at every step down to the floor, and above the analytic gradient's own rounding.
/// </remarks>
public sealed class TaylorResult
{
    internal TaylorResult(TaylorVerdict verdict, double order, double cancelledOrder, double derivativeError, double bound, TaylorSteps steps)
    {
        Verdict = verdict;
        Order = order;
        CancelledOrder = cancelledOrder;
        DerivativeError = derivativeError;
        Bound = bound;
        Steps = steps.Steps;
        Remainders = steps.Remainders;
        OppositeRemainders = steps.OppositeRemainders;
        CancelledRemainders = steps.CancelledRemainders;
        Floor = steps.Floor;
    }

    /// <summary>A copy, to be changed in its initializer: a result once made is never changed.</summary>
    private TaylorResult(TaylorResult other)
    {
        Verdict = other.Verdict;
        Order = other.Order;
        CancelledOrder = other.CancelledOrder;
        DerivativeError = other.DerivativeError;
        Bound = other.Bound;
        Steps = other.Steps;
        Remainders = other.Remainders;
        OppositeRemainders = other.OppositeRemainders;
        CancelledRemainders = other.CancelledRemainders;
        Floor = other.Floor;
        Along = other.Along;
        Index = other.Index;
        FirstErrorToTolerance = other.FirstErrorToTolerance;
        Overturned = other.Overturned;
        Allowance = other.Allowance;
        Analytic = other.Analytic;
        Deciding = other.Deciding;
    }

    /// <summary>
    /// What was moved: an element (<c>W[1,2]</c>), <c>direction 2</c> of a directional comparison, or
    /// <c>W along its gradient</c> for the test of a whole tensor along g/‖g‖.
    /// </summary>
    public string Along { get; private init; } = string.Empty;

    /// <summary>The element's coordinates; empty for a direction.</summary>
    public IReadOnlyList<int> Index { get; private init; } = [];

    /// <summary>What the orders say.</summary>
    public TaylorVerdict Verdict { get; }

    /// <summary>
    /// The observed order of the one-sided remainder |J(θ±hv) − J(θ) ∓ h⟨g, v⟩| at its smallest steps above the rounding
    /// floor, averaged over both sides: about 2 for a right gradient, about 1 for a wrong one. NaN when the remainder
    /// is at the floor from the largest step on.
    /// </summary>
    public double Order { get; }

    /// <summary>
    /// The observed order of the remainder with the curvature cancelled, ½|J(θ+hv) − J(θ−hv) − 2h⟨g, v⟩|: about 3 (or
    /// at the floor) for a right gradient, about 1 for a wrong one. NaN when it is at the floor from the largest step on.
    /// </summary>
    public double CancelledOrder { get; }

    /// <summary>
    /// The first-order term the remainders show, ⟨∇J − g, v⟩: what finite differences say the derivative along v is,
    /// minus the analytic one. Meaningful when <see cref="Verdict"/> is <see cref="TaylorVerdict.FirstOrder"/>.
    /// </summary>
    public double DerivativeError { get; }

    /// <summary>
    /// For a <see cref="TaylorVerdict.SecondOrder"/> or <see cref="TaylorVerdict.RoundingFloor"/> verdict, how large a
    /// first-order term could still hide in the remainders: the test's resolution of ⟨∇J − g, v⟩. NaN otherwise.
    /// </summary>
    public double Bound { get; }

    /// <summary>The steps h, largest first (each halving the previous one).</summary>
    public IReadOnlyList<double> Steps { get; }

    /// <summary>|J(θ+hv) − J(θ) − h⟨g, v⟩| at each step: the classic remainder, the one plotted.</summary>
    public IReadOnlyList<double> Remainders { get; }

    /// <summary>|J(θ−hv) − J(θ) + h⟨g, v⟩| at each step: the remainder on the other side of θ.</summary>
    public IReadOnlyList<double> OppositeRemainders { get; }

    /// <summary>½|J(θ+hv) − J(θ−hv) − 2h⟨g, v⟩| at each step: the remainder with the curvature cancelled.</summary>
    public IReadOnlyList<double> CancelledRemainders { get; }

    /// <summary>The rounding floor at each step: a remainder below a few times this means nothing.</summary>
    public IReadOnlyList<double> Floor { get; }

    /// <summary>For a second opinion on an element, its error/tolerance under the first verdict; NaN for a test of a whole tensor.</summary>
    public double FirstErrorToTolerance { get; private init; } = double.NaN;

    /// <summary>True when this test, as a second opinion, changed the element's or tensor's verdict (a pass to a failure, or back).</summary>
    public bool Overturned { get; private init; }

    /// <summary>
    /// For <see cref="TaylorVerdict.FirstOrder"/>, the rounding the term was read above (it exceeds it); for a right
    /// verdict, <see cref="Bound"/>. NaN otherwise.
    /// </summary>
    internal double Allowance { get; init; } = double.NaN;

    /// <summary>The analytic derivative along the direction, ⟨g, v⟩.</summary>
    internal double Analytic { get; private init; } = double.NaN;

    /// <summary>The steps (indices into <see cref="Steps"/>) whose samples the verdict rests on: they must repeat bit for bit.</summary>
    internal int[] Deciding { get; init; } = [];

    /// <summary>This test, named by what was moved: an element (<paramref name="index"/> its coordinates) or a direction.</summary>
    internal TaylorResult Named(string along, IReadOnlyList<int>? index = null) => new(this) { Along = along, Index = index ?? Index };

    /// <summary>This test along a direction whose analytic derivative is <paramref name="analytic"/>.</summary>
    internal TaylorResult Of(double analytic) => new(this) { Analytic = analytic };

    /// <summary>This test as the second opinion on a verdict of error/tolerance <paramref name="firstErrorToTolerance"/>.</summary>
    internal TaylorResult SecondOpinionOn(double firstErrorToTolerance) => new(this) { FirstErrorToTolerance = firstErrorToTolerance };

    /// <summary>This test, marked as having changed the verdict it was asked about.</summary>
    internal TaylorResult Overturning() => new(this) { Overturned = true };

    /// <summary>True for a second opinion on an element or direction (not a test of a whole tensor).</summary>
    public bool SecondOpinion => !double.IsNaN(FirstErrorToTolerance);

    /// <summary>
    /// The order the verdict rests on, as the reports print it: <c>2.01</c> or <c>1.00</c> (the one-sided remainder),
    /// <c>1.00 (±h)</c> when the curvature hides a first-order term that the ±h pair reveals, <c>1.43 (2 within noise)</c>
    /// when the last halving above the floor reads lower only by as much as the floor can move it, or <c>floor</c>,
    /// <c>kink</c>, <c>not smooth</c>.
    /// </summary>
    public string OrderText => Verdict switch
    {
        TaylorVerdict.RoundingFloor => "floor",
        TaylorVerdict.Kink => "kink",
        TaylorVerdict.NotSmooth => "not smooth",
        TaylorVerdict.FirstOrder when !(Order >= 0.6 && Order <= 1.4) => string.Create(CultureInfo.InvariantCulture, $"{CancelledOrder:0.00} (±h)"),
        TaylorVerdict.SecondOrder when Order < 1.6 => string.Create(CultureInfo.InvariantCulture, $"{Order:0.00} (2 within noise)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Order:0.00}"),
    };

    /// <summary>The verdict in a few words, as the reports print it.</summary>
    public string VerdictText => Verdict switch
    {
        TaylorVerdict.FirstOrder => "first order: the gradient is wrong along it",
        TaylorVerdict.SecondOrder => "second order: right",
        TaylorVerdict.RoundingFloor => "at the rounding floor: right to within it",
        TaylorVerdict.Kink => "a kink within the steps",
        _ => "not smooth at these steps",
    };

    /// <summary>The test in one line: where, the verdict and the orders.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Along}: {Verdict}, order {Order:0.00} (curvature cancelled {CancelledOrder:0.00}), derivative error {DerivativeError:G3}");
}
