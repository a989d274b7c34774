using System.Globalization;
using GradAssert.Engine.Judging;
using GradAssert.Engine.Running;
using GradAssert.Reporting;

namespace GradAssert;

/// <summary>
/// The result of a gradient check: one row per (layer, tensor), end to end and layer by layer, the layers to blame,
/// and the classic normalized difference. <see cref="ToString"/> renders the per-layer table.
/// </summary>
public sealed class GradientReport
{
    internal GradientReport(CheckOutcome outcome)
    {
        Model = outcome.Model;
        Precision = outcome.Precision;
        Options = outcome.Options;
        Tensors = outcome.Rows;
        Blamed = outcome.Blamed;
        Layered = outcome.Layered;
        LayersAlone = outcome.LayersAlone;

        var endToEnd = Tensors.Where(t => t.Scope == CheckScope.EndToEnd).ToArray();
        Difference = outcome.Verdict.Difference;
        Kinks = endToEnd.Sum(t => t.Kinks);
        Checked = endToEnd.Sum(t => t.Checked);
        Problems = outcome.Problems.Concat(outcome.Unverified.Select(u => u.Why)).Distinct().ToArray();
        Unverified = outcome.Unverified.Select(u => u.Row).ToArray();
        Idle = outcome.Idle;
        Constants = outcome.Constants;
        Outputs = outcome.Outputs;
        Causes = outcome.Causes;
        BlamedComposites = outcome.BlamedComposites;
        Passed = outcome.Verdict.Passed;
        BandsApply = Options.Tolerance.BandsApplyIn(Precision);
        ErrorToTolerance = outcome.Verdict.ErrorToTolerance;
        Sampled = Tensors.Any(t => t.Sampled);
        Warnings = [.. SampleWarnings(Tensors, Layered), .. KinkWarnings(Tensors), .. UnresolvedWarnings(Tensors), .. OverrideWarnings(Options, Tensors), .. outcome.Notes.Distinct()];
    }

    /// <summary>
    /// True when every tensor passed, end to end and layer by layer, and the check earned it: it compared something
    /// (see <see cref="Problems"/>).
    /// </summary>
    public bool Passed { get; }

    /// <summary>The constant inputs of a layer with named inputs (never perturbed, never compared), as <c>name [shape]</c>.</summary>
    public IReadOnlyList<string> Constants { get; }

    /// <summary>The outputs of a layer with named outputs, as <c>name [shape]</c>; empty for a layer with one output.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The blamed layers that are composites, blamed for their own code between their sub-layers.</summary>
    internal IReadOnlyList<string> BlamedComposites { get; }

    /// <summary>The causes of failing rows that the evidence shows: a loss's batch mean.</summary>
    internal IReadOnlyList<BatchMean> Causes { get; }

    /// <summary>
    /// Why the check fails whatever its rows say, in words: a check that compared no element and no direction at all
    /// (an empty input, no parameters, an input gradient declared absent) proves nothing and fails, and so does a
    /// parameter that moves no output while its gradient is zero. Empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Rows that compared "ok" but verified nothing: their tensor moves no output (see <see cref="Problems"/>).</summary>
    internal IReadOnlyList<TensorCheck> Unverified { get; }

    /// <summary>Rows of sub-layers that did not run on the check's input: they pass, and read "did not run".</summary>
    internal IReadOnlyList<TensorCheck> Idle { get; }

    /// <summary>‖g−n‖/(‖g‖+‖n‖) over every element checked end to end, the figure gradient-checking courses print.</summary>
    public double Difference { get; }

    /// <summary>
    /// The course's band of <see cref="Difference"/>: a description of the figure, not the decision (see
    /// <see cref="Passed"/> and <see cref="ErrorToTolerance"/>). The reports show it only where <see cref="BandsApply"/>.
    /// </summary>
    public Verdict Verdict => VerdictBands.Of(Difference);

    /// <summary>One row per (layer, tensor) and scope: end-to-end rows first, then the layer-by-layer rows.</summary>
    public IReadOnlyList<TensorCheck> Tensors { get; }

    /// <summary>The names of the layers whose own backward pass is wrong (their local check fails).</summary>
    public IReadOnlyList<string> Blamed { get; }

    /// <summary>The checked model's or layer's name.</summary>
    public string Model { get; }

    /// <summary>The float type the layer computes in: <c>float</c> or <c>double</c>.</summary>
    public string Precision { get; }

    /// <summary>The seed the check drew from: <c>new GradCheckOptions { Seed = … }</c> with it replays the check.</summary>
    public int Seed => Options.ResolvedSeed;

    /// <summary>The options the check ran with, their <see cref="GradCheckOptions.Seed"/> set to the seed used.</summary>
    public GradCheckOptions Options { get; }

    /// <summary>Elements (or, for directional rows, directions) compared end to end, kinks excluded.</summary>
    public int Checked { get; }

    /// <summary>Elements left out end to end because they sat at a kink.</summary>
    public int Kinks { get; }

    /// <summary>
    /// True when some tensor was checked on a sample of its elements only (it had more than
    /// <see cref="GradCheckOptions.MaxElements"/>): a wrong element outside the sample can pass unseen. Each such tensor
    /// is named in <see cref="Warnings"/>, and the outcome reads "passed on a sample".
    /// </summary>
    public bool Sampled { get; }

    /// <summary>
    /// The figure <see cref="Passed"/> follows from: the largest <see cref="TensorCheck.ErrorToTolerance"/> of any row
    /// (and, for the course's rule, the overall difference over its threshold). At most 1 for a passing check.
    /// </summary>
    public double ErrorToTolerance { get; }

    /// <summary>
    /// True when the course's bands (<see cref="Verdict"/>) mean something for this check: in <c>double</c>, or under the
    /// course's own rule (<see cref="Tolerance.NormalizedDifference"/>). In float, rounding alone puts a correct
    /// gradient's difference at 1e-5 to 1e-2, so the reports leave the bands out.
    /// </summary>
    public bool BandsApply { get; }

    internal bool Layered { get; }

    /// <summary>True when each layer of a model was also checked on its own (blame was assessed).</summary>
    internal bool LayersAlone { get; }

    /// <summary>The rows of a failed check, or an empty list.</summary>
    public IReadOnlyList<TensorCheck> Failures => Tensors.Where(t => !t.Passed).ToArray();

    /// <summary>
    /// What a passing check could not vouch for: tensors checked on a sample of their elements only, and tensors whose
    /// elements mostly sat at kinks (or whose function curves too sharply for the step, which looks the same). They do
    /// not fail the check; every format prints them.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    private static IEnumerable<string> SampleWarnings(IReadOnlyList<TensorCheck> rows, bool layered) =>
        rows.Where(t => t.Sampled).GroupBy(t => (t.Layer, t.Tensor)).Select(g =>
        {
            var row = g.First();
            string scopes = !layered ? string.Empty
                : g.All(t => t.Scope == CheckScope.Local) ? " layer by layer"
                : g.All(t => t.Scope == CheckScope.EndToEnd) ? " end to end"
                : " end to end and layer by layer";
            return string.Create(
                CultureInfo.InvariantCulture,
                $"only {row.Checked + row.Kinks} of the {row.Elements} elements of {DisplayText.Safe(row.Layer)}.{DisplayText.Safe(row.Tensor)} were checked{scopes} (its largest analytic gradients and a seeded random choice of the rest), so a wrong element outside the sample can pass unseen: set GradCheckOptions.MaxElements to {row.Elements} or more, or Mode = CheckMode.Full, to check every element");
        });

    private static IEnumerable<string> KinkWarnings(IReadOnlyList<TensorCheck> rows) =>
        rows.Where(t => t.MostlyKinks).Select(t => string.Create(
            CultureInfo.InvariantCulture,
            $"most elements of {DisplayText.Safe(t.Layer)}.{DisplayText.Safe(t.Tensor)} ({t.Kinks} of {t.Kinks + t.Checked}) sat at kinks and were skipped, so its check proves little: move the inputs away from the non-differentiable points, or use a smaller step"));

    private static IEnumerable<string> UnresolvedWarnings(IReadOnlyList<TensorCheck> rows) =>
        rows.Where(t => t.Passed && t.Unresolved > 0).Select(t => string.Create(
            CultureInfo.InvariantCulture,
            $"{t.Unresolved} of the {t.Checked} compared elements of {DisplayText.Safe(t.Layer)}.{DisplayText.Safe(t.Tensor)} could not be resolved: their effect on the output is below its rounding (a saturated unit, or an output far larger than this element's share of it), so finite differences could only confirm that their gradient is that small, not its value"));

    private static IEnumerable<string> OverrideWarnings(GradCheckOptions options, IReadOnlyList<TensorCheck> rows) =>
        options.Overrides.Where(o => !rows.Any(t => o.Matches(t.Layer, t.Tensor))).Select(o => string.Create(
            CultureInfo.InvariantCulture,
            $"the override for {DisplayText.Safe(o.Layer)}{(o.Tensor is null ? string.Empty : "." + DisplayText.Safe(o.Tensor))} matched no tensor of this check, so it changed nothing; the tensors here are {string.Join(", ", rows.Select(t => DisplayText.Safe(t.Layer) + "." + DisplayText.Safe(t.Tensor)).Distinct())}"));

    /// <summary>The per-layer table, written to be read in a test runner's failure pane.</summary>
    public override string ToString() => ReportTable.Render(this);

    /// <summary>The report as a Markdown table, for CI job summaries and pull-request comments.</summary>
    public string ToMarkdown() => MarkdownReport.Render(this);

    /// <summary>The report as JSON (every row's figures; NaN written as null), for CI artifacts.</summary>
    public string ToJson() => JsonReport.Render(this);

    /// <summary>
    /// The report as an SVG chart: one bar per (layer, tensor) on a log scale of the normalized difference, with the
    /// bands 1e-7 / 1e-5 / 1e-3 drawn and failing bars in red.
    /// </summary>
    public string ToSvg() => SvgChart.Render(this);
}
