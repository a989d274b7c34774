using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// Blame inside a composite: each sub-layer call it made is checked alone on the input it really received, like the
/// layers of a <see cref="Sequential{T}"/>. A call is blamed when its own check fails and no call inside it fails; a
/// composite whose own check fails while every call it made passes is blamed itself: the bug is in its own code,
/// between its sub-layers (a missing skip-connection gradient, a wrong split or merge).
/// </summary>
internal static class CompositeChecker
{
    /// <param name="label">The composite's label.</param>
    /// <param name="failed">Whether the composite's own rows failed.</param>
    /// <param name="listed">The parameters the composite lists: any other parameter of a sub-layer is noted.</param>
    /// <param name="rows">Receives the sub-layers' rows.</param>
    /// <param name="blamed">Receives the labels to blame.</param>
    /// <param name="composites">Receives the blamed labels that are composites, blamed for their own code between their sub-layers.</param>
    public static void Check<T>(
        CompositeScope<T> scope, string label, bool failed, Parameter<T>[] listed, GradCheckOptions options, Unchecked @unchecked,
        List<TensorCheck> rows, List<string> blamed, List<string> composites, StateKeeper<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var calls = scope.Calls;
        var own = calls.SelectMany(c => LayerAccess.Parameters(c.Call.Layer, c.Label)).Distinct(ReferenceEqualityComparer.Instance).Cast<Parameter<T>>().ToArray();
        foreach (var parameter in own.Where(p => !listed.Contains(p)))
        {
            parameter.Refresh();
        }

        foreach (var unlisted in own.Where(p => !listed.Contains(p)))
        {
            @unchecked.Note(
                $"{scope.OwnerOf(unlisted)}.{unlisted.Name} is not among {label}'s Parameters, so it was checked only in its sub-layer's own check, not end to end; list every sub-layer's parameters in the composite's Parameters");
        }

        // A sub-layer may hold parameters the composite does not list: they are perturbed too, so they are restored too.
        var snapshot = new StateSnapshot<T>(own);
        var fails = new bool[calls.Count];
        try
        {
            for (int k = 0; k < calls.Count; k++)
            {
                var (callLabel, call, _) = calls[k];
                var rng = Rng.For(options.ResolvedSeed, Rng.Mix(Rng.Hash(callLabel), (ulong)k + 1));
                // A sub-layer that is itself a composite is checked alone too, its rows naming its own sub-layers' tensors.
                var inner = call.Calls.Count > 0 ? new CompositeScope<T>(string.Empty, qualifyTensors: true) : null;
                var callRows = LayerChecker.Check(CheckRunner.Synced(call.Layer, callLabel, state), call.Input.Clone(), callLabel, CheckScope.Local, options, rng, @unchecked, out _, composite: inner, originals: snapshot);
                rows.AddRange(callRows);
                fails[k] = callRows.Any(r => r.ProvenWrong);
            }
        }
        finally
        {
            snapshot.Restore();
            SyncedLayer<T>.PushAll(own);
        }

        int before = blamed.Count;
        for (int k = 0; k < calls.Count; k++)
        {
            if (fails[k] && !Enumerable.Range(k + 1, calls.Count - k - 1).Any(d => fails[d] && scope.IsWithin(d, k)))
            {
                blamed.Add(calls[k].Label);
                if (calls[k].Call.Calls.Count > 0)
                {
                    composites.Add(calls[k].Label);
                }
            }
        }

        if (failed && blamed.Count == before)
        {
            blamed.Add(label);
            composites.Add(label);
        }
    }
}
