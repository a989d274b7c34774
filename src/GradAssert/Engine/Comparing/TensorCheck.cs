using GradAssert.Engine.Judging;

namespace GradAssert;

/// <summary>The comparison of one tensor's analytic gradient with its numerical one.</summary>
public sealed class TensorCheck
{
    internal TensorCheck(string layer, string tensor, CheckScope scope, IReadOnlyList<int> shape)
    {
        Layer = layer;
        Tensor = tensor;
        Scope = scope;
        Shape = shape;
    }

    /// <summary>A copy, to be changed in its initializer: a row once made is never changed.</summary>
    private TensorCheck(TensorCheck other)
        : this(other.Layer, other.Tensor, other.Scope, other.Shape)
    {
        Difference = other.Difference;
        MaxAbsError = other.MaxAbsError;
        WorstIndex = other.WorstIndex;
        AnalyticAtWorst = other.AnalyticAtWorst;
        NumericalAtWorst = other.NumericalAtWorst;
        Passed = other.Passed;
        Checked = other.Checked;
        Directions = other.Directions;
        Sampled = other.Sampled;
        Failed = other.Failed;
        Unverifiable = other.Unverifiable;
        Unresolved = other.Unresolved;
        Kinks = other.Kinks;
        ConsistentRatio = other.ConsistentRatio;
        ErrorToTolerance = other.ErrorToTolerance;
        Taylor = other.Taylor;
        TaylorTests = other.TaylorTests;
        SecondOpinions = other.SecondOpinions;
        SecondOpinionsChanged = other.SecondOpinionsChanged;
        SharedWith = other.SharedWith;
        SharedAsOneParameter = other.SharedAsOneParameter;
        TaylorFailed = other.TaylorFailed;
        JudgedBy = other.JudgedBy;
        AnalyticNorm = other.AnalyticNorm;
        NumericalNorm = other.NumericalNorm;
        ErrorNorm = other.ErrorNorm;
        Ties = other.Ties;
        DetectionThreshold = other.DetectionThreshold;
        Reference = other.Reference;
        ExactDisagreements = other.ExactDisagreements;
        ExactAlongItself = other.ExactAlongItself;
    }

    /// <summary>The layer's name, with its path inside nested models (for example <c>encoder/Dense#2</c>).</summary>
    public string Layer { get; }

    /// <summary>The parameter's name, or <c>input</c> for the gradient with respect to the layer's input.</summary>
    public string Tensor { get; }

    /// <summary>Whether this row was measured end to end or on the layer alone.</summary>
    public CheckScope Scope { get; }

    /// <summary>The tensor's shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The normalized difference ‖g−n‖/(‖g‖+‖n‖) over this tensor's checked elements (0 when both are zero).</summary>
    public double Difference { get; internal init; }

    /// <summary>The largest |g−n| over the checked elements.</summary>
    public double MaxAbsError { get; internal init; }

    /// <summary>The coordinates of the element the error model is least happy with.</summary>
    public IReadOnlyList<int> WorstIndex { get; internal init; } = [];

    /// <summary>The analytic gradient at <see cref="WorstIndex"/>.</summary>
    public double AnalyticAtWorst { get; internal init; }

    /// <summary>The numerical gradient at <see cref="WorstIndex"/>.</summary>
    public double NumericalAtWorst { get; internal init; }

    /// <summary>
    /// The course's band of <see cref="Difference"/>: a description of the figure, not the decision. The reports show it
    /// only where it means something (<see cref="GradientReport.BandsApply"/>) and never call a passing row "wrong".
    /// </summary>
    public Verdict Verdict => VerdictBands.Of(Difference);

    /// <summary>
    /// The error model's decision: no checked element differs by more than its numerical error allows, and no Taylor
    /// test of the tensor (<see cref="Taylor"/>) found a first-order remainder.
    /// </summary>
    public bool Passed { get; internal init; }

    /// <summary>How many elements (or directions) were compared, kinks excluded.</summary>
    public int Checked { get; internal init; }

    /// <summary>
    /// The number of random directions compared for this tensor, or 0 when it was compared element by element.
    /// For a directional row, <see cref="Checked"/> counts directions and <see cref="WorstIndex"/> is empty.
    /// </summary>
    public int Directions { get; internal init; }

    /// <summary>True when only a sample of the tensor's elements was compared (see <see cref="GradCheckOptions.MaxElements"/>).</summary>
    public bool Sampled { get; internal init; }

    /// <summary>How many elements the tolerance found wrong (unverifiable ones are counted in <see cref="Unverifiable"/>).</summary>
    public int Failed { get; internal init; }

    /// <summary>
    /// How many elements could not be verified: their finite-difference estimates disagree with each other by more than
    /// rounding or truncation can explain, also at smaller steps (a forward that is not a smooth function of this
    /// element at any usable step, or one that changes between calls). They fail the check, but do not blame the layer.
    /// </summary>
    public int Unverifiable { get; internal init; }

    /// <summary>
    /// How many compared elements passed without being resolved: their effect on the output is below its rounding (a
    /// saturated unit, or an output far larger than this element's share of it), so finite differences could not tell
    /// their gradient from 0 or from twice itself. They pass, and the report warns about them.
    /// </summary>
    public int Unresolved { get; internal init; }

    /// <summary>How many elements sat at a kink (their ±h evaluations straddle a non-differentiable point) and were left out.</summary>
    public int Kinks { get; internal init; }

    /// <summary>True when more than half of the tensor's elements sat at kinks, so its check says little (a warning, not a failure).</summary>
    public bool MostlyKinks => Kinks > Checked;

    /// <summary>
    /// When every wrong element's analytic value is the same multiple of its numerical one (within 0.1%), that multiple:
    /// 2 for a doubled gradient, −1 for a flipped sign. NaN otherwise.
    /// </summary>
    public double ConsistentRatio { get; internal init; }

    /// <summary>
    /// The figure <see cref="Passed"/> follows from: the error relative to what the tolerance allows, at most 1 for a
    /// passing tensor under an element-wise rule. For the error model and <c>AllClose</c>, the worst element's |g−n| over
    /// its own allowance; for the normalized-difference rule, <see cref="Difference"/> over the threshold. 0 when nothing
    /// was compared.
    /// </summary>
    public double ErrorToTolerance { get; internal init; }

    /// <summary>
    /// The Taylor remainder test of the whole tensor (along its gradient, or along its error g − n when it failed), or
    /// null when it got none: under <see cref="CheckMode.Taylor"/>, as a second opinion when its worst element was near
    /// its tolerance, and for a failing tensor (for the plot and the order). A <see cref="TaylorVerdict.FirstOrder"/>
    /// verdict fails the tensor.
    /// </summary>
    public TaylorResult? Taylor { get; private init; }

    /// <summary>
    /// The Taylor tests run for this tensor: the elements (or directions) that got one as a second opinion, in order,
    /// then the tests of the whole tensor. Empty when none did. Of the second opinions, the first 1,000 that changed a
    /// verdict are here, and the first 1,000 of the rest; <see cref="SecondOpinions"/> and
    /// <see cref="SecondOpinionsChanged"/> count them all.
    /// </summary>
    public IReadOnlyList<TaylorResult> TaylorTests { get; internal init; } = [];

    /// <summary>
    /// How many elements (or directions) got a Taylor test as a second opinion, including those that
    /// <see cref="TaylorTests"/> does not keep (beyond the first 1,000 of each kind).
    /// </summary>
    public int SecondOpinions { get; internal init; }

    /// <summary>How many of the <see cref="SecondOpinions"/> changed a verdict (a pass to a failure, or back), kept or not.</summary>
    public int SecondOpinionsChanged { get; internal init; }

    /// <summary>The tensor's number of elements; more than <see cref="Checked"/> plus <see cref="Kinks"/> when <see cref="Sampled"/>.</summary>
    public int Elements => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>
    /// The other layers that read this tensor's storage (one parameter listed by several layers, or parameters over one
    /// array), whose gradients were summed for this row; empty for a tensor of its own.
    /// </summary>
    public IReadOnlyList<string> SharedWith { get; private init; } = [];

    /// <summary>True when the sharing layers list one <see cref="Parameter{T}"/> object (one gradient buffer).</summary>
    internal bool SharedAsOneParameter { get; private init; }

    /// <summary>True when the layer's backward is proven wrong here: an element failed, the tensor's Taylor test is first order, or the exact reference found the gradient off along its own direction.</summary>
    internal bool ProvenWrong => Failed > 0 || TaylorFailed || (!Passed && ExactAlongItself is { Agrees: false });

    /// <summary>True when a Taylor test that decides (not the one drawn for a row that already failed) found a first-order remainder.</summary>
    internal bool TaylorFailed { get; private init; }

    /// <summary>The tolerance this row was judged by (the check's, or an override's).</summary>
    internal Tolerance? JudgedBy { get; init; }

    internal double AnalyticNorm { get; init; }

    internal double NumericalNorm { get; init; }

    internal double ErrorNorm { get; init; }

    /// <summary>
    /// This row with the Taylor test of the whole tensor (and any further directions of <see cref="CheckMode.Taylor"/>)
    /// recorded; when the tests decide (the mode, or the second opinion on a passing row), a first-order verdict fails it.
    /// </summary>
    /// <summary>
    /// The smallest relative error of this tensor's gradient that the check would have caught, from the allowances its
    /// elements (or directions) were judged within: a gradient off by a common factor 1 ± δ fails for every δ above it.
    /// The least of allowance / |g| over the compared elements with a gradient, so it says what a pass is worth at this
    /// tensor's scale. NaN when no element with a gradient was compared, or the tolerance gives no allowance per element
    /// (the course's normalized difference).
    /// </summary>
    public double DetectionThreshold { get; internal init; } = double.NaN;

    /// <summary>What the tensor's ties showed, when any element at a kink was tied (see <see cref="Engine.Comparing.TiedElements{T}"/>).</summary>
    internal Engine.Comparing.TieReading? Ties { get; private init; }

    /// <summary>This row with what its ties showed.</summary>
    internal TensorCheck WithTies(Engine.Comparing.TieReading ties) => new(this) { Ties = ties };

    internal TensorCheck WithTaylor(TaylorResult whole, IEnumerable<TaylorResult>? more = null, bool decides = true)
    {
        IReadOnlyList<TaylorResult> tests = [.. TaylorTests, whole, .. more ?? []];
        bool failed = decides && tests.Any(t => !t.SecondOpinion && t.Verdict == TaylorVerdict.FirstOrder);
        return new TensorCheck(this)
        {
            Taylor = whole,
            TaylorTests = tests,
            Passed = Passed && !failed,
            TaylorFailed = TaylorFailed || failed,
        };
    }

    /// <summary>
    /// Which reference judged the row: <c>differences</c> (finite differences), <c>exact (dual numbers)</c>,
    /// <c>exact and differences</c>, or <c>differences: </c> followed by why the exact reference did not judge it (the
    /// layer does not carry to the dual type, or the exact derivative differs only at kinks and ties, where the kink
    /// and tie opinions judge). The figures of the row (difference, worst element) are the differences' whenever
    /// differences ran.
    /// </summary>
    public string Reference { get; private init; } = "differences";

    /// <summary>How many elements the exact reference found to disagree with the backward beyond rounding; 0 when it did not run.</summary>
    internal int ExactDisagreements { get; private init; }

    /// <summary>This row with the reference that judged it, its verdict unchanged.</summary>
    internal TensorCheck WithReference(string reference) => new(this) { Reference = reference };

    /// <summary>
    /// This row as the exact reference judged it: passed or not, its failed elements the ones the exact derivative
    /// disagrees with, and its worst element the exact reference's (the numerical column then shows the exact derivative).
    /// </summary>
    /// <param name="worst">The element farthest beyond its allowance: index, backward, exact derivative, error over allowance.</param>
    /// <param name="detectionThreshold">The row's <see cref="DetectionThreshold"/> with the exact reference's allowances.</param>
    /// <param name="alongItself">The comparison along the exact gradient's own direction, where one was made.</param>
    internal TensorCheck WithExact(string reference, bool passed, int disagreements, (int[] Index, double Analytic, double Exact, double Ratio) worst, double detectionThreshold, Engine.Evidence.ExactDirection? alongItself = null) =>
        new(this)
        {
            ExactAlongItself = alongItself,
            Reference = reference,
            DetectionThreshold = detectionThreshold,
            Passed = passed,
            ExactDisagreements = disagreements,
            Failed = passed ? 0 : Math.Max(Failed, disagreements),

            // Where the exact reference's disagreements fail the row, it compared the elements differences left out as
            // kinks as well, and none of them was excused.
            Checked = passed || disagreements == 0 ? Checked : Checked + Kinks,
            Kinks = passed || disagreements == 0 ? Kinks : 0,
            WorstIndex = passed ? WorstIndex : worst.Index,
            AnalyticAtWorst = passed ? AnalyticAtWorst : worst.Analytic,
            NumericalAtWorst = passed ? NumericalAtWorst : worst.Exact,
            ErrorToTolerance = passed ? ErrorToTolerance : Math.Max(ErrorToTolerance, worst.Ratio),
        };

    /// <summary>
    /// The exact comparison along the exact gradient's own direction (every element seeded with its exact derivative),
    /// where the exact reference made one: what fails a gradient whose every element is within its own rounding but
    /// which is off as a whole (a common factor 1 + δ).
    /// </summary>
    internal Engine.Evidence.ExactDirection? ExactAlongItself { get; private init; }

    /// <summary>This row with its storage recorded as shared by <paramref name="others"/>, as the engine found it right after the comparison.</summary>
    /// <param name="oneObject">Whether they list one parameter object.</param>
    internal TensorCheck SharedBy(IReadOnlyList<string> others, bool oneObject) => new(this) { SharedWith = others, SharedAsOneParameter = oneObject };

    /// <summary>The row in one line: its outcome, the error-to-tolerance it follows from, and the difference.</summary>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Layer}.{Tensor} ({Scope}): {(Passed ? "passed" : "FAILED")}, error/tolerance {ErrorToTolerance:G3}, difference {Difference:0.00e+00}");
}
