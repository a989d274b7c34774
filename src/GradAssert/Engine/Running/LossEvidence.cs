using System.Numerics;
using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Planning;

namespace GradAssert.Engine.Running;

/// <summary>
/// Whether a failing row of a loss is the batch-mean mismatch, the most common loss bug, shown by evidence rather than
/// guessed from a ratio: the layer is the loss (one number out, no sub-layers of its own), the factor is its batch size
/// (or the number of elements it averages over), and once the factor is taken out every element agrees with finite
/// differences under the row's own tolerance. The same test in double and float: it asks the error model, not a ratio
/// within 0.1%.
/// </summary>
internal sealed class LossEvidence<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly CheckSession<T> _session;
    private readonly LayerUnderCheck<T> _check;
    private readonly Objective<T> _objective;
    private readonly DriftProbe<T> _drift;
    private readonly RowRole _role;
    private readonly (int Count, string Over)[] _counts;

    private LossEvidence(CheckSession<T> session, LayerUnderCheck<T> check, Objective<T> objective, DriftProbe<T> drift, RowRole role, (int, string)[] counts)
    {
        (_session, _check, _objective, _drift, _role, _counts) = (session, check, objective, drift, role, counts);
    }

    /// <summary>
    /// The evidence of a layer check when its layer is a loss: one number out, no sub-layer calls of its own, and a batch
    /// (the first dimension above 1 of its first differentiable input: [4, 3] is a batch of 4, the course's row [1, 3] a
    /// batch of 3); null otherwise.
    /// </summary>
    /// <param name="input">The loss's first differentiable input.</param>
    /// <param name="name">Its name, for the words.</param>
    public static LossEvidence<T>? For(CheckSession<T> session, LayerUnderCheck<T> check, Objective<T> objective, DriftProbe<T> drift, RowRole role, Tensor<T>? input, string name)
    {
        if (objective.Length != 1 || check.Composite?.IsComposite == true || input?.Shape.FirstOrDefault(d => d > 1) is not (> 1 and var batch))
        {
            return null;
        }

        (int, string)[] counts = input.Length == batch ? [(batch, $"the batch of {batch}")] : [(batch, $"the batch of {batch}"), (input.Length, $"all {input.Length} elements of {name}")];
        return new LossEvidence<T>(session, check, objective, drift, role, counts);
    }

    /// <summary>
    /// The batch-mean cause of a failing row, when the evidence shows it: the row's gradient, divided (or multiplied) by
    /// the count, passes every element; null otherwise.
    /// </summary>
    public BatchMean? Explain(TensorCheck row, string owner, string tensor, IReadOnlyList<int> shape, T[] analytic, Evaluator<T>[] evaluators)
    {
        if (row.Passed || !row.ProvenWrong || row.NumericalNorm == 0 || double.IsNaN(row.AnalyticNorm))
        {
            return null;
        }

        double ratio = row.AnalyticNorm / row.NumericalNorm;
        foreach (var (count, over) in _counts)
        {
            foreach (bool lossAverages in new[] { true, false })
            {
                double factor = lossAverages ? count : 1.0 / count;
                if (Math.Abs((ratio / factor) - 1) < 0.05 && Agrees(owner, tensor, shape, analytic, 1 / factor, evaluators))
                {
                    return new BatchMean(row, count, over, lossAverages);
                }
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="analytic"/> times <paramref name="scale"/> passes every element of the row.</summary>
    private bool Agrees(string owner, string tensor, IReadOnlyList<int> shape, T[] analytic, double scale, Evaluator<T>[] evaluators)
    {
        var scaled = analytic.Select(g => T.CreateTruncating(double.CreateTruncating(g) * scale)).ToArray();

        // A stream of its own, so that asking leaves every other row's draws as they were.
        var rng = Rng.For(_session.Options.ResolvedSeed, Rng.Mix(Rng.Hash($"{owner}.{tensor}"), 0xCA05EUL));
        var comparer = new TensorComparer<T>(_objective, owner, _check.Scope, rng) { Drift = _drift };
        var plan = _session.Plan.Row(owner, tensor, scaled.Length, _role with { Hypothesis = true });
        var rescaled = comparer.Compare(plan, tensor, shape, scaled, evaluators);
        return rescaled.Passed && rescaled.Failed == 0 && rescaled.Unverifiable == 0;
    }
}

/// <summary>The batch-mean cause of a failing row of a loss, shown by evidence.</summary>
/// <param name="Row">The failing row.</param>
/// <param name="Count">What the loss or its gradient averages over: the batch size, or the number of elements.</param>
/// <param name="Over">That in words: <c>the batch of 4</c>, <c>all 12 elements of prediction</c>.</param>
/// <param name="LossAverages">True when the loss averages and its gradient does not (the gradient is Count times too large); false for the other way round.</param>
internal sealed record BatchMean(TensorCheck Row, int Count, string Over, bool LossAverages);
