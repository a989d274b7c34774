using System.Numerics;
using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Planning;

namespace GradAssert.Engine.Running;

/// <summary>
/// Finite differences asked whether a row's exact derivatives can be trusted (<see cref="ExactRows{T}.Settle"/>), for a
/// layer's rows and a model's end-to-end rows alike.
/// </summary>
internal static class ExactSpotCheck
{
    /// <summary>
    /// How many elements the spot check compares where its direction disagrees: exact derivatives that code fails to carry
    /// (a search by comparisons, a table lookup) are wrong wherever that code's result moves the outputs, which a sample of
    /// this size meets (the largest quarter of the exact derivatives and a random rest). Comparing every element cost as
    /// much as differences judging the row wherever the direction crosses ties it cannot call kinks (a max-pool after a
    /// ReLU, whose pools of zeros tie, each taking its own side): 1,979 forward passes of the benchmark's first max-pool,
    /// two thirds of the conv model's plain passes under the default reference.
    /// </summary>
    public const int Sample = 256;

    /// <summary>
    /// Whether finite differences along one random direction agree with <paramref name="exact"/> as the gradient (on a
    /// sample of <see cref="Sample"/> elements, element by element, where that direction does not), having compared at
    /// least one element that is not at a kink: a stream of its own, so that the other rows draw as they did. Where they
    /// prove nothing either way (elements they cannot verify at any step, none they prove wrong: a float layer far from
    /// its inputs' origin), the exact derivatives stand, and a warning says they went unconfirmed.
    /// </summary>
    public static bool Agrees<T>(
        CheckSession<T> session, Objective<T> objective, DriftProbe<T> drift, CheckScope scope, RowRole role,
        string owner, string tensor, IReadOnlyList<int> shape, T[] exact, Evaluator<T>[] evaluators)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = Rng.For(session.Options.ResolvedSeed, Rng.Mix(Rng.Hash($"{owner}.{tensor}"), 0x5907UL));
        var comparer = new TensorComparer<T>(objective, owner, scope, rng) { Drift = drift };
        var plan = session.Plan.Row(owner, tensor, exact.Length, role with { Hypothesis = true }) with
        {
            Strategy = exact.Length > 1 ? RowStrategy.Directions : RowStrategy.Elements,
            Directions = 1,
            SampleSize = exact.Length > Sample ? Sample : null,
            TensorSecondOpinion = false,
            ElementsWhereDirectionsAreBlind = false,
        };
        var spot = comparer.Compare(plan, tensor, shape, exact, evaluators);

        // A row whose every element sat at a kink compared nothing: it confirms nothing either.
        if (spot.Kinks >= spot.Checked)
        {
            return false;
        }

        if (!spot.Passed && !spot.ProvenWrong && spot.Unverifiable > 0)
        {
            session.Unchecked.Note(
                $"finite differences could not confirm the exact derivatives of {owner}.{tensor} (their estimates disagree with each other at every step tried), nor refute them: they judge it, the carried layer's values verified bit for bit");
            return true;
        }

        return spot.Passed;
    }
}
