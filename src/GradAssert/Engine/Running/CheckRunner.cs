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

        string name = LayerAccess.Name(layer);
        var containers = new List<object>();
        var leaves = layer is Sequential<T> model ? LayerLabels.Leaves(model, containers) : [(name, layer)];

        var parameters = leaves.SelectMany(l => LayerAccess.Parameters(l.Layer, l.Label)).ToArray();
        var resources = new List<object> { layer };
        resources.AddRange(containers);
        resources.AddRange(leaves.Select(l => l.Layer));
        resources.AddRange(parameters.SelectMany(p => new object[] { p.Value.Data, p.Gradient.Data, p.StorageKey }));
        using var gates = CheckLocks.Acquire(resources, name);
        using var cancellable = LayerAccess.Cancellable(options.Cancellation);

        // Parameters over the user's own storage start from what it holds now; hidden state is captured as it is.
        foreach (var parameter in parameters)
        {
            parameter.Refresh();
        }

        var state = new StateKeeper<T>([layer, .. containers, .. leaves.Select(l => l.Layer), .. Inner(layer)], options.ResetState);

        // The caller's input is only read: the check perturbs a copy of it, so checks that share an input cannot clash.
        var work = input.Clone();
        var snapshot = new StateSnapshot<T>(parameters);
        try
        {
            var top = SyncedLayer<T>.Wrap(layer, parameters, state);
            var outcome = layer is Sequential<T> sequential
                ? RunModel(sequential, top, work, options, [.. leaves.Select(l => (l.Label, Synced(l.Layer, l.Label, state)))], upstream, state, snapshot)
                : RunLayer(top, name, work, options, upstream, state, snapshot);
            outcome = outcome with { Batch = work.Shape.Count > 0 ? work.Shape[0] : null };
            return outcome with { Verdict = ReportOpinions.Judge(outcome) };
        }
        finally
        {
            snapshot.Restore();
            SyncedLayer<T>.PushAll(parameters);
            state.Restore();
        }
    }

    /// <summary>A layer as the engine calls it: synced with its stored parameters and hidden state, when it has any.</summary>
    internal static ILayer<T> Synced<T>(ILayer<T> layer, string label, StateKeeper<T> state) where T : unmanaged, IFloatingPointIeee754<T> =>
        SyncedLayer<T>.Wrap(layer, LayerAccess.Parameters(layer, label), state.For([layer]));

    /// <summary>The user's layer inside the engine's adapters, whose state it may hold.</summary>
    private static IEnumerable<object> Inner<T>(ILayer<T> layer) where T : unmanaged, IFloatingPointIeee754<T> =>
        layer is IInputless adapter && adapter.Inner is { } inner ? [inner] : [];

    private static CheckOutcome RunLayer<T>(ILayer<T> layer, string name, Tensor<T> input, GradCheckOptions options, Tensor<T>? upstream, StateKeeper<T> state, StateSnapshot<T> snapshot)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var @unchecked = new Unchecked();
        var composite = SyncedLayer<T>.Unwrap(layer) is IInputless ? null : new CompositeScope<T>(string.Empty);
        var rows = LayerChecker.Check(layer, input, name, CheckScope.EndToEnd, options, Rng.For(options.ResolvedSeed, 0), @unchecked, out var output, upstream, composite, snapshot);
        var blamed = new List<string>();
        var composites = new List<string>();
        bool failed = rows.Any(r => r.ProvenWrong);
        bool layered = composite?.IsComposite == true && options.CheckLayers;
        if (layered)
        {
            CompositeChecker.Check(composite!, name, failed, LayerAccess.Parameters(layer, name), options, @unchecked, rows, blamed, composites, state);
        }
        else if (failed)
        {
            blamed.Add(name);
        }

        @unchecked.RequireSomethingCompared(rows);
        return new CheckOutcome(name, Precision.Name<T>(), options, rows, blamed, Layered: layered, LayersAlone: layered || composite?.IsComposite != true, @unchecked.Notes, @unchecked.Problems)
        {
            ScalarOutput = ShapeMath.CheckedLength(output, nameof(output)) == 1,
            BlamedComposites = composites,
        };
    }

    /// <param name="call">The model as the engine calls it (synced with stored parameters and state).</param>
    /// <param name="leaves">Its layers as the engine calls them.</param>
    private static CheckOutcome RunModel<T>(
        Sequential<T> model, ILayer<T> call, Tensor<T> input, GradCheckOptions options, List<(string Label, ILayer<T> Layer)> leaves, Tensor<T>? upstream, StateKeeper<T> state,
        StateSnapshot<T> snapshot)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var activations = RecordActivations(leaves, input);
        SharedGradientProbe.Run(leaves, activations, options);
        var @unchecked = new Unchecked();
        var local = new List<TensorCheck>();
        var blamed = new List<string>();
        var composites = new List<string>();
        if (options.CheckLayers)
        {
            for (int k = 0; k < leaves.Count; k++)
            {
                var (label, leaf) = leaves[k];
                var rng = Rng.For(options.ResolvedSeed, Rng.Mix(Rng.Hash(label), (ulong)k + 1));
                var composite = new CompositeScope<T>(label + "/", qualifyTensors: true);
                var rows = LayerChecker.Check(leaf, activations[k].Clone(), label, CheckScope.Local, options, rng, @unchecked, out _, composite: composite, originals: snapshot);
                local.AddRange(rows);
                bool failed = rows.Any(r => r.ProvenWrong);
                if (composite.IsComposite)
                {
                    CompositeChecker.Check(composite, label, failed, LayerAccess.Parameters(leaf, label), options, @unchecked, local, blamed, composites, state);
                }
                else if (failed)
                {
                    blamed.Add(label);
                }
            }
        }

        var endToEnd = CheckEndToEnd(model, call, input, options, leaves, activations, @unchecked, upstream, snapshot, out bool scalar);
        List<TensorCheck> all = [.. endToEnd, .. local];
        @unchecked.RequireSomethingCompared(all);
        return new CheckOutcome(model.Name, Precision.Name<T>(), options, all, blamed, Layered: true, LayersAlone: options.CheckLayers, @unchecked.Notes, @unchecked.Problems)
        {
            ScalarOutput = scalar,
            BlamedComposites = composites,
        };
    }

    /// <summary>
    /// The activation each layer really receives in the model's forward pass; copies, so later calls cannot change them.
    /// A layer whose output is not finite on a finite input, or that builds its parameters on this first Forward, is
    /// named here, before its neighbours are blamed for what it did.
    /// </summary>
    private static Tensor<T>[] RecordActivations<T>(List<(string Label, ILayer<T> Layer)> leaves, Tensor<T> input)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        new ContractProbe<T>(leaves[0].Label, []).Finite(input, "input", "input", ContractProbe<T>.InputOfTheCheck);
        var activations = new Tensor<T>[leaves.Count];
        var activation = input;
        for (int k = 0; k < leaves.Count; k++)
        {
            var (label, leaf) = leaves[k];
            activations[k] = k == 0 ? input : activation.Clone();
            var before = LayerAccess.Parameters(leaf, label);
            activation = LayerAccess.Forward(leaf, activations[k], label, "while the model's forward pass records each layer's input");
            LayerAccess.RequireSameParameters(leaf, label, before, "after its first Forward");
            new ContractProbe<T>(label, before).Finite(activation, "output", "output", "a finite input");
        }

        return activations;
    }

    private static List<TensorCheck> CheckEndToEnd<T>(
        Sequential<T> model, ILayer<T> call, Tensor<T> input, GradCheckOptions options, List<(string Label, ILayer<T> Layer)> leaves, Tensor<T>[] activations, Unchecked @unchecked, Tensor<T>? upstream,
        StateSnapshot<T> snapshot, out bool scalar)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = leaves.SelectMany(l => LayerAccess.Parameters(l.Layer, l.Label)).ToArray();
        var pass = AnalyticPass<T>.Run(call, parameters, input, model.Name, options, Rng.For(options.ResolvedSeed, 0), upstream, originals: snapshot);
        scalar = pass.Output.Length == 1;

        // Blame comes from the element-wise layer-by-layer rows; end to end, the plan may take directions.
        var plan = new CheckPlan(options);
        var objective = new Objective<T>(pass.Upstream, pass.Output);
        var rng = Rng.For(options.ResolvedSeed, 0x656E64UL);
        var drift = new DriftProbe<T>(model.Name, objective, () => LayerAccess.Forward(call, input, model.Name, "on the unperturbed input, to re-check its output"))
            .Watch("input", "input", input, pass.Before(input.Data));
        foreach (var (label, leaf) in leaves)
        {
            foreach (var parameter in LayerAccess.Parameters(leaf, label))
            {
                drift.Watch("parameter", $"{label}.{parameter.Name}", parameter.Value, pass.Before(parameter.Value.Data));
            }
        }

        var rows = new List<TensorCheck>();
        var uses = new List<(string Label, int Leaf, int Index, Parameter<T> Parameter)>();
        for (int k = 0; k < leaves.Count; k++)
        {
            foreach (var parameter in LayerAccess.Parameters(leaves[k].Layer, leaves[k].Label))
            {
                uses.Add((leaves[k].Label, k, uses.Count, parameter));
            }
        }

        foreach (var group in SharedParameters<T>.Group(uses))
        {
            // Perturbing a layer's parameters changes nothing before it, so only the suffix of the model from the first
            // layer that reads them is re-run; the row carries that layer's label.
            var (label, from, _, parameter) = group.First;
            if (parameter.Frozen)
            {
                @unchecked.Note($"{label}.{parameter.Name} is frozen: left out of the check");
                continue;
            }

            Func<Tensor<T>> suffix = () => RunFrom(leaves, from, activations[from]);
            var comparer = new TensorComparer<T>(objective, label, CheckScope.EndToEnd, rng) { Drift = drift };
            var row = comparer.Compare(plan.Row(label, parameter.Name, parameter.Value.Length, RowRole.EndToEnd), parameter.Name, parameter.Value.Shape, group.Gradient(pass.ParameterGradients), [new(parameter.Value.Data, suffix)]);
            rows.Add(row.SharedBy(group.Others, group.OneObject));
            drift.Require($"after checking {label}.{parameter.Name}");
        }

        if (pass.InputGradient is not null && input.Length > 0)
        {
            var comparer = new TensorComparer<T>(objective, model.Name, CheckScope.EndToEnd, rng) { Drift = drift };
            rows.Add(comparer.Compare(plan.Row(model.Name, "input", input.Length, RowRole.EndToEnd), "input", input.Shape, pass.InputGradient.Data, [new(input.Data, () => call.Forward(input))]));
            drift.Require("after checking input");
        }

        // The layer-by-layer checks note what they leave out; without them, say it here.
        @unchecked.Note(model.Name, options.CheckLayers ? [] : parameters, input, pass.InputGradient is not null, pass.Output);
        return rows;
    }

    private static Tensor<T> RunFrom<T>(List<(string Label, ILayer<T> Layer)> leaves, int from, Tensor<T> activation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = from; k < leaves.Count; k++)
        {
            activation = leaves[k].Layer.Forward(activation);
        }

        return activation;
    }
}
