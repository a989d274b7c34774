using System.Numerics;
using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Running;

/// <summary>
/// The sub-layer calls of a composite, each checked alone on the input it really received, like the layers of a
/// <see cref="Sequential{T}"/>, and the blame among them assessed (<see cref="Running.Blame.Composite"/>).
/// </summary>
internal static class CompositeChecker
{
    /// <summary>The calls' rows; the calls, or the composite itself, blamed in the session.</summary>
    /// <param name="scope">The calls the composite made during its forward pass on its input.</param>
    /// <param name="label">The composite's label.</param>
    /// <param name="failed">Whether the composite's own rows failed.</param>
    /// <param name="listed">The parameters the composite lists: any other parameter of a sub-layer is noted.</param>
    public static List<TensorCheck> Check<T>(CheckSession<T> session, CompositeScope<T> scope, string label, bool failed, Parameter<T>[] listed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var calls = scope.Calls;
        var own = Distinct(calls.SelectMany(c => LayerAccess.Parameters(c.Call, c.Label)));
        var unlisted = own.Where(p => !listed.Any(l => LayerAccess.Same(l, p))).ToArray();
        foreach (var parameter in unlisted)
        {
            parameter.Refresh();
        }

        foreach (var parameter in unlisted)
        {
            session.Unchecked.Note(
                $"{scope.OwnerOf(parameter)}.{parameter.Name} is not among {label}'s Parameters, so it was checked only in its sub-layer's own check, not end to end; list every sub-layer's parameters in the composite's Parameters");
        }

        // A sub-layer may hold parameters the composite does not list: they are perturbed too, so they are restored too.
        var snapshot = new StateSnapshot<T>(own);
        var rows = new List<TensorCheck>();
        var outcomes = new List<(string Label, bool Failed, bool Composite)>();
        try
        {
            for (int k = 0; k < calls.Count; k++)
            {
                var (callLabel, call, _) = calls[k];
                var rng = Rng.For(session.Options.ResolvedSeed, Rng.Mix(Rng.Hash(callLabel), (ulong)k + 1));

                // A sub-layer that is itself a composite is checked alone too, its rows naming its own sub-layers' tensors;
                // one with several inputs is checked on all of them, each input's row by its name.
                var (layer, input) = call.Layer is ILayer<T> single
                    ? (single, call.Inputs[0].Clone())
                    : (MultiTensorAdapter<T>.ForCall((IMultiTensorLayer<T>)call.Layer, call.Inputs, callLabel), MultiTensorAdapter<T>.Input);
                var check = new LayerUnderCheck<T>(CheckRunner.Synced(layer, callLabel, session.State), input, callLabel, CheckScope.Local, rng)
                {
                    Composite = call.Calls.Count > 0 ? new CompositeScope<T>(string.Empty, qualifyTensors: true) : null,
                };
                var callRows = LayerChecker.Check(session, check, originals: snapshot).Rows;
                rows.AddRange(callRows);
                outcomes.Add((callLabel, Blame.ProvenWrong(callRows), call.Calls.Count > 0));
            }
        }
        finally
        {
            snapshot.Restore();
            SyncedLayer<T>.PushAll(own);
        }

        session.Blame.Composite(label, failed, outcomes, scope.IsWithin);
        return rows;
    }

    /// <summary>Each parameter once, by its storage: a sub-layer called twice, or listing new objects on every call, lists it again.</summary>
    private static Parameter<T>[] Distinct<T>(IEnumerable<Parameter<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var kept = new List<Parameter<T>>();
        foreach (var parameter in parameters)
        {
            if (!kept.Any(k => LayerAccess.Same(k, parameter)))
            {
                kept.Add(parameter);
            }
        }

        return kept.ToArray();
    }
}
