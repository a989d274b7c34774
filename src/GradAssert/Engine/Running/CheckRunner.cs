using System.Numerics;
using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Planning;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// Runs a whole check: a single layer directly; a <see cref="Sequential{T}"/> end to end and then layer by layer, so
/// that blame falls on the layers whose own backward is wrong. It takes the gates of everything it touches first
/// (<see cref="CheckLocks"/>), perturbs only a private copy of the caller's input, and restores every parameter and
/// gradient it touches at the end, also when the layer throws.
/// </summary>
internal static class CheckRunner
{
    /// <param name="options">The options, with the seed already resolved.</param>
    /// <param name="upstream">A fixed upstream gradient (the function form's 1), or null to draw one.</param>
    public static CheckOutcome Run<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions options, Tensor<T>? upstream = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        _ = Precision.Epsilon<T>(); // rejects unsupported types before anything runs
        using var running = LayerAccess.Enter(options.Cancellation);

        string name = LayerAccess.Name(layer);
        var containers = new List<object>();
        var leaves = layer is Sequential<T> model ? LayerLabels.Leaves(model, containers) : [(name, layer)];

        var parameters = leaves.SelectMany(l => LayerAccess.Parameters(l.Layer, l.Label)).ToArray();
        var resources = new List<object> { layer };
        resources.AddRange(containers);
        resources.AddRange(leaves.Select(l => l.Layer));
        resources.AddRange(parameters.SelectMany(p => new object[] { p.Value.Data, p.Gradient.Data, p.StorageKey }));
        using var gates = CheckLocks.Acquire(resources, name);

        // Parameters over the user's own storage start from what it holds now; hidden state is captured as it is.
        foreach (var parameter in parameters)
        {
            parameter.Refresh();
        }

        var state = new StateKeeper<T>([layer, .. containers, .. leaves.Select(l => l.Layer), .. Inner(layer)], options.ResetState);

        // Every number, array and tensor the layers hold beyond their parameters (running statistics, counters), and
        // those of the layers nested in them, put back at the end without being asked.
        var hidden = HiddenState<T>.Capture([.. LayerAccess.UserObjects(layer), .. containers, .. leaves.Select(l => l.Layer)], HiddenState<T>.KeptBy(parameters));

        // The caller's input is only read: the check perturbs a copy of it, so checks that share an input cannot clash.
        var work = input.Clone();
        var snapshot = new StateSnapshot<T>(parameters);
        try
        {
            var session = new CheckSession<T>(new CheckPlan(options), state, snapshot);
            session.Note(parameters);
            var top = SyncedLayer<T>.Wrap(layer, parameters, state);
            var outcome = layer is Sequential<T> sequential
                ? new ModelChecker<T>(session, sequential, top, [.. leaves.Select(l => (l.Label, Synced(l.Layer, l.Label, state)))]).Run(work, upstream)
                : RunLayer(session, top, name, work, upstream);
            return outcome with { Verdict = ReportOpinions.Judge(outcome) };
        }
        finally
        {
            snapshot.Restore();
            SyncedLayer<T>.PushAll(parameters);
            try
            {
                state.Restore();
            }
            finally
            {
                hidden.Restore();
            }
        }
    }

    /// <summary>A layer as the engine calls it: synced with its stored parameters and hidden state, when it has any.</summary>
    internal static ILayer<T> Synced<T>(ILayer<T> layer, string label, StateKeeper<T> state) where T : unmanaged, IFloatingPointIeee754<T> =>
        SyncedLayer<T>.Wrap(layer, LayerAccess.Parameters(layer, label), state.For([layer, .. LayerAccess.UserObjects(layer)]));

    /// <summary>The user's layer inside the engine's adapters, whose state it may hold.</summary>
    private static IEnumerable<object> Inner<T>(ILayer<T> layer) where T : unmanaged, IFloatingPointIeee754<T> =>
        layer is IInputless adapter && adapter.Inner is { } inner ? [inner] : [];

    /// <summary>A single layer: checked end to end, its blame assessed (a composite's calls checked alone too).</summary>
    private static CheckOutcome RunLayer<T>(CheckSession<T> session, ILayer<T> layer, string name, Tensor<T> input, Tensor<T>? upstream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A layer with named inputs records the calls it makes like any composite; the function form makes none.
        var composite = SyncedLayer<T>.Unwrap(layer) is IInputless { Inner: null } ? null : new CompositeScope<T>(string.Empty);
        var check = new LayerUnderCheck<T>(layer, input, name, CheckScope.EndToEnd, Rng.For(session.Options.ResolvedSeed, 0)) { Upstream = upstream, Composite = composite };
        var (rows, output) = LayerChecker.Alone(session, check);
        bool layered = composite?.IsComposite == true && session.Options.CheckLayers;
        session.Unchecked.RequireSomethingCompared(rows);
        return new CheckOutcome(
            name, Precision.Name<T>(), session.Options, rows, session.Blame.Layers, Layered: layered, LayersAlone: layered || composite?.IsComposite != true, session.Unchecked.Notes, session.Unchecked.Problems)
        {
            BlamedComposites = session.Blame.Composites,
            Unverified = session.Unchecked.UnverifiedRows,
            Idle = session.Unchecked.IdleRows,
            Causes = session.Causes,
        };
    }
}
