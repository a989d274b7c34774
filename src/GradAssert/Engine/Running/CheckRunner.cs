using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert.Engine;

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
        resources.AddRange(parameters.SelectMany(p => new object[] { p.Value.Data, p.Gradient.Data }));
        using var gates = CheckLocks.Acquire(resources, name);

        // The caller's input is only read: the check perturbs a copy of it, so checks that share an input cannot clash.
        var work = input.Clone();
        var snapshot = new StateSnapshot<T>(parameters);
        try
        {
            return layer is Sequential<T> sequential
                ? RunModel(sequential, work, options, leaves)
                : RunLayer(layer, name, work, options, upstream);
        }
        finally
        {
            snapshot.Restore();
        }
    }

    private static CheckOutcome RunLayer<T>(ILayer<T> layer, string name, Tensor<T> input, GradCheckOptions options, Tensor<T>? upstream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var @unchecked = new Unchecked();
        var rows = LayerChecker.Check(layer, input, name, CheckScope.EndToEnd, options, Rng.For(options.ResolvedSeed, 0), @unchecked, upstream);
        var blamed = rows.Any(r => r.ProvenWrong) ? new[] { name } : [];
        @unchecked.RequireSomethingCompared(rows);
        return new CheckOutcome(name, Precision.Name<T>(), options, rows, blamed, Layered: false, LayersAlone: true, @unchecked.Notes, @unchecked.Problems);
    }

    private static CheckOutcome RunModel<T>(Sequential<T> model, Tensor<T> input, GradCheckOptions options, List<(string Label, ILayer<T> Layer)> leaves)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var activations = RecordActivations(leaves, input);
        SharedGradientProbe.Run(leaves, activations, options);
        var @unchecked = new Unchecked();
        var local = new List<TensorCheck>();
        var blamed = new List<string>();
        if (options.CheckLayers)
        {
            for (int k = 0; k < leaves.Count; k++)
            {
                var (label, leaf) = leaves[k];
                var rng = Rng.For(options.ResolvedSeed, Rng.Mix(Rng.Hash(label), (ulong)k + 1));
                var rows = LayerChecker.Check(leaf, activations[k].Clone(), label, CheckScope.Local, options, rng, @unchecked);
                local.AddRange(rows);
                if (rows.Any(r => r.ProvenWrong))
                {
                    blamed.Add(label);
                }
            }
        }

        var endToEnd = CheckEndToEnd(model, input, options, leaves, activations, @unchecked);
        List<TensorCheck> all = [.. endToEnd, .. local];
        @unchecked.RequireSomethingCompared(all);
        return new CheckOutcome(model.Name, Precision.Name<T>(), options, all, blamed, Layered: true, LayersAlone: options.CheckLayers, @unchecked.Notes, @unchecked.Problems);
    }

    /// <summary>
    /// The activation each layer really receives in the model's forward pass; copies, so later calls cannot change them.
    /// A layer whose output is not finite on a finite input, or that builds its parameters on this first Forward, is
    /// named here, before its neighbours are blamed for what it did.
    /// </summary>
    private static Tensor<T>[] RecordActivations<T>(List<(string Label, ILayer<T> Layer)> leaves, Tensor<T> input)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        new ContractProbe<T>(leaves[0].Label, []).Finite(input, "input", "input", "the check's input");
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
        Sequential<T> model, Tensor<T> input, GradCheckOptions options, List<(string Label, ILayer<T> Layer)> leaves, Tensor<T>[] activations, Unchecked @unchecked)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = leaves.SelectMany(l => LayerAccess.Parameters(l.Layer, l.Label)).ToArray();
        var pass = AnalyticPass<T>.Run(model, parameters, input, model.Name, options, Rng.For(options.ResolvedSeed, 0));

        // Blame comes from the element-wise layer-by-layer rows; end to end, directions suffice unless asked otherwise.
        bool directional = options.Mode == CheckMode.Directional || (options.Mode == CheckMode.Auto && options.CheckLayers);
        var objective = new Objective<T>(pass.Upstream, pass.Output);
        var rng = Rng.For(options.ResolvedSeed, 0x656E64UL);
        var drift = new DriftProbe<T>(model.Name, objective, () => LayerAccess.Forward(model, input, model.Name, "on the unperturbed input, to re-check its output"))
            .Watch("input", "input", input);
        foreach (var (label, leaf) in leaves)
        {
            foreach (var parameter in LayerAccess.Parameters(leaf, label))
            {
                drift.Watch("parameter", $"{label}.{parameter.Name}", parameter.Value);
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
            Func<Tensor<T>> suffix = () => RunFrom(leaves, from, activations[from]);
            var comparer = new TensorComparer<T>(options, objective, label, CheckScope.EndToEnd, rng, directional) { Drift = drift };
            var row = comparer.Compare(parameter.Name, parameter.Value.Shape, group.Gradient(pass.ParameterGradients), [new(parameter.Value.Data, suffix)]);
            row.ShareWith(group);
            rows.Add(row);
            drift.Require($"after checking {label}.{parameter.Name}");
        }

        if (pass.InputGradient is not null && input.Length > 0)
        {
            var comparer = new TensorComparer<T>(options, objective, model.Name, CheckScope.EndToEnd, rng, directional) { Drift = drift };
            rows.Add(comparer.Compare("input", input.Shape, pass.InputGradient.Data, [new(input.Data, () => model.Forward(input))]));
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
