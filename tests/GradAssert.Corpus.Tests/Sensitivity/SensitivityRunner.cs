using System.Globalization;
using System.Numerics;
using GradAssert.Corpus.Tests.Corpus;

namespace GradAssert.Corpus.Tests.Sensitivity;

/// <summary>
/// Measures how small a gradient error a rule catches: for one layer kind, one of its tensors and one float type, the
/// tensor's gradient is scaled by (1 + δ) on the same seeded random cases for every δ of a grid, and the sensitivity is
/// the smallest δ from which the rule fails the check on that tensor in at least <see cref="Required"/> of
/// <see cref="Cases"/> cases, for that δ and every larger one on the grid.
/// </summary>
internal static class SensitivityRunner
{
    /// <summary>Random cases per δ: 10, or $SENSITIVITY_CASES (to measure the rates more finely).</summary>
    public static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("SENSITIVITY_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 10;

    /// <summary>Cases that must catch the error: 9 in 10.</summary>
    public static int Required => (int)Math.Ceiling(0.9 * Cases);

    /// <summary>The first seed: apart from the corpus's seeds (1..100), so nothing here was tuned on these cases.</summary>
    public const int FirstSeed = 7001;

    /// <summary>The layer kinds measured, with the tensors of each.</summary>
    public static readonly (string Kind, string[] Tensors)[] Kinds =
    [
        ("Dense", ["W", "b", "input"]),
        ("Conv2D", ["W", "b", "input"]),
        ("LayerNorm", ["gamma", "beta", "input"]),
        ("SelfAttention", ["Wq", "Wk", "Wv", "input"]),
        ("Tanh", ["input"]),
        ("Softmax", ["input"]),
    ];

    /// <summary>
    /// δ from 1 down to 1e-15 in steps of about 3 (1, 3e-1, 1e-1, 3e-2, …): below 1e-10, where differences stop, for the
    /// exact reference, whose allowance in double is about 1e-14 of the gradient.
    /// </summary>
    public static readonly double[] Grid = Enumerable.Range(0, 31)
        .Select(k => (k % 2 == 0 ? 1.0 : 0.3) * Math.Pow(10, -(k / 2)))
        .ToArray();

    /// <summary>PyTorch gradcheck's published defaults: eps 1e-6, atol 1e-5, rtol 1e-3, by finite differences.</summary>
    public static GradCheckOptions PyTorch { get; } = new() { Step = StepSize.Fixed(1e-6), Tolerance = Tolerance.AllClose(1e-5, 1e-3), Reference = Reference.Differences };

    /// <summary>GradAssert's finite differences alone (the default before the exact reference); all else default.</summary>
    public static GradCheckOptions Differences { get; } = new() { Reference = Reference.Differences };

    /// <summary>
    /// The <see cref="Cases"/> scenarios of a layer kind where an error in <paramref name="tensor"/> can show: seeds from
    /// <see cref="FirstSeed"/> on, skipping the shapes whose gradient for that tensor is zero or nearly so whatever the
    /// values (<see cref="CanShow"/>), as the corpus counts such cases apart.
    /// </summary>
    public static IEnumerable<(GradientCase Case, Scenario<T> Scenario)> Scenarios<T>(string kind, string tensor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int found = 0;
        for (int i = 0; found < Cases; i++)
        {
            var c = new GradientCase(FirstSeed + i, i);
            var scenario = CorrectLayers.Build<T>(kind, c);
            if (CanShow(scenario, tensor))
            {
                found++;
                yield return (c, scenario);
            }
        }
    }

    /// <summary>
    /// False for shapes where the tensor's gradient is zero, or tiny next to its natural scale, whatever the values: a
    /// softmax over one class (constant output), attention over one position (its weights are all 1, so Wq and Wk do
    /// not matter), a layer norm over one feature (constant output) or, for its input, over two (x̂ = ±1 up to ε).
    /// </summary>
    private static bool CanShow<T>(Scenario<T> scenario, string tensor) where T : unmanaged, IFloatingPointIeee754<T> =>
        scenario.Layer switch
        {
            Softmax<T> => scenario.Input.Shape[^1] >= 2,
            SelfAttention<T> => tensor is not ("Wq" or "Wk") || scenario.Input.Shape[1] >= 2,
            LayerNorm<T> norm => norm.Features >= (tensor == "input" ? 3 : tensor == "gamma" ? 2 : 1),
            _ => true,
        };

    /// <summary>How many of the cases catch an error of δ in <paramref name="tensor"/> (0 for δ = 0 counts false alarms instead).</summary>
    public static Outcome Run<T>(string kind, string tensor, double delta, GradCheckOptions rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int caught = 0, failed = 0, rejected = 0;
        var references = new ReferenceCount();
        foreach (var (c, scenario) in Scenarios<T>(kind, tensor))
        {
            var layer = delta == 0 ? scenario.Layer : new ScaledGradient<T>(scenario.Layer, tensor, 1 + delta);
            GradientReport report;
            try
            {
                report = GradCheck.Layer(layer, scenario.Input, rule with { Seed = c.Seed });
            }
            catch (ArgumentException)
            {
                rejected++; // the rule cannot be applied to these values (a fixed step below their resolution)
                failed++;
                continue;
            }

            if (rule.Reference != Reference.Differences && report.Tensors.FirstOrDefault(t => t.Tensor == tensor) is { } row)
            {
                references = references.Add(row);
            }

            if (!report.Passed)
            {
                failed++;
                caught += report.Tensors.Any(t => !t.Passed && t.Tensor == tensor) ? 1 : 0;
            }
        }

        return new Outcome(caught, failed, rejected, references);
    }

    /// <summary>
    /// The smallest δ on the grid from which every larger δ is caught in <see cref="Required"/> cases (NaN when even
    /// δ = 1 is not), with the references that judged the tensor's row over every δ tried.
    /// </summary>
    public static (double Delta, ReferenceCount References) Smallest<T>(string kind, string tensor, GradCheckOptions rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double smallest = double.NaN;
        var references = new ReferenceCount();
        foreach (double delta in Grid)
        {
            var outcome = Run<T>(kind, tensor, delta, rule);
            references = references.Plus(outcome.References);
            if (outcome.Caught < Required)
            {
                break;
            }

            smallest = delta;
        }

        return (smallest, references);
    }

    public static string Format(double delta) =>
        double.IsNaN(delta) ? "not caught" : delta.ToString(delta >= 0.1 ? "0.#" : "0e0", CultureInfo.InvariantCulture);

    /// <param name="Caught">Cases that failed on the tensor whose gradient was scaled.</param>
    /// <param name="Failed">Cases that failed at all.</param>
    /// <param name="Rejected">Cases whose values the rule refused (counted as failed).</param>
    /// <param name="References">Which reference judged the tensor's row, when the rule asked for the exact one.</param>
    internal readonly record struct Outcome(int Caught, int Failed, int Rejected, ReferenceCount References);
}
