using System.Numerics;
using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Planning;

namespace GradAssert.Engine.Running;

/// <summary>
/// A <see cref="Sequential{T}"/> checked layer by layer, each layer alone on the activation it really received (where
/// blame comes from), and then end to end, where perturbing a layer's parameters re-runs only the model from that layer on.
/// </summary>
/// <param name="call">The model as the engine calls it (synced with stored parameters and state).</param>
/// <param name="leaves">Its layers as the engine calls them, with their labels.</param>
internal sealed class ModelChecker<T>(CheckSession<T> session, Sequential<T> model, ILayer<T> call, List<(string Label, ILayer<T> Layer)> leaves)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <param name="input">A private copy the check may perturb.</param>
    /// <param name="upstream">A fixed upstream gradient, or null to draw one.</param>
    public CheckOutcome Run(Tensor<T> input, Tensor<T>? upstream)
    {
        var options = session.Options;
        var activations = RecordActivations(input);
        SharedGradientProbe.Run(leaves, activations, options);
        var local = new List<TensorCheck>();
        if (options.CheckLayers)
        {
            for (int k = 0; k < leaves.Count; k++)
            {
                var (label, leaf) = leaves[k];
                var rng = Rng.For(options.ResolvedSeed, Rng.Mix(Rng.Hash(label), (ulong)k + 1));
                var check = new LayerUnderCheck<T>(leaf, activations[k].Clone(), label, CheckScope.Local, rng) { Composite = new CompositeScope<T>(label + "/", qualifyTensors: true) };
                local.AddRange(LayerChecker.Alone(session, check).Rows);
            }
        }

        var (endToEnd, scalar) = CheckEndToEnd(input, activations, upstream);
        List<TensorCheck> all = [.. endToEnd, .. local];
        session.Unchecked.RequireSomethingCompared(all);
        return new CheckOutcome(model.Name, Precision.Name<T>(), options, all, session.Blame.Layers, Layered: true, LayersAlone: options.CheckLayers, session.Unchecked.Notes, session.Unchecked.Problems)
        {
            BlamedComposites = session.Blame.Composites,
            Unverified = session.Unchecked.UnverifiedRows,
            Idle = session.Unchecked.IdleRows,
            Causes = session.Causes,
        };
    }

    /// <summary>
    /// The activation each layer really receives in the model's forward pass; copies, so later calls cannot change them.
    /// A layer whose output is not finite on a finite input, or that builds its parameters on this first Forward, is
    /// named here, before its neighbours are blamed for what it did.
    /// </summary>
    private Tensor<T>[] RecordActivations(Tensor<T> input)
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

    /// <summary>The end-to-end rows, and whether the model returns a single number.</summary>
    private (List<TensorCheck> Rows, bool Scalar) CheckEndToEnd(Tensor<T> input, Tensor<T>[] activations, Tensor<T>? upstream)
    {
        var options = session.Options;
        var parameters = leaves.SelectMany(l => LayerAccess.Parameters(l.Layer, l.Label)).ToArray();
        var check = new LayerUnderCheck<T>(call, input, model.Name, CheckScope.EndToEnd, Rng.For(options.ResolvedSeed, 0)) { Upstream = upstream };
        var pass = AnalyticPass<T>.Run(check, parameters, options, session.Snapshot);

        // Blame comes from the element-wise layer-by-layer rows; end to end, the plan may take directions.
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

        // The exact reference reads the rows compared element by element (the input's, mostly), where differences meet
        // every near-tie of the model's kinks at once; those along directions stay with differences.
        var exact = ExactReference.For(session, check, parameters, pass, objective, modelEndToEnd: true);
        var rows = CompareParameters(pass, objective, drift, rng, activations, exact);
        if (pass.InputGradient is not null && input.Length > 0)
        {
            var comparer = new TensorComparer<T>(objective, model.Name, CheckScope.EndToEnd, rng) { Drift = drift };
            var plan = session.Plan.Row(model.Name, "input", input.Length, RowRole.EndToEnd);
            Evaluator<T>[] evaluators = [new(input.Data, () => call.Forward(input))];
            rows.Add(Settled(exact, rows.Count, plan, objective, drift, model.Name, "input", input.Shape, pass.InputGradient.Data, evaluators)
                ?? comparer.Compare(plan, "input", input.Shape, pass.InputGradient.Data, evaluators));
            drift.Require("after checking input");
        }

        exact?.Judge(rows, session);

        // The layer-by-layer checks note what they leave out; without them, say it here.
        session.Unchecked.Note(model.Name, options.CheckLayers ? [] : parameters, input, pass.InputGradient is not null, pass.Output);
        return (rows, pass.Output.Length == 1);
    }

    /// <summary>
    /// Each parameter end to end, once per storage (a parameter several layers list, or parameters over one array, is
    /// compared against the sum of their gradients). Perturbing a layer's parameters changes nothing before it, so only
    /// the suffix of the model from the first layer that reads them is re-run; the row carries that layer's label.
    /// </summary>
    private List<TensorCheck> CompareParameters(AnalyticPass<T> pass, Objective<T> objective, DriftProbe<T> drift, Rng rng, Tensor<T>[] activations, ExactRows<T>? exact)
    {
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
            var (label, from, _, parameter) = group.First;
            if (group.Members.Any(m => session.IsFrozen(m.Parameter)))
            {
                session.Unchecked.Note($"{label}.{parameter.Name} is frozen: left out of the check");
                continue;
            }

            Func<Tensor<T>> suffix = () => RunFrom(from, activations[from]);
            var comparer = new TensorComparer<T>(objective, label, CheckScope.EndToEnd, rng) { Drift = drift };
            var plan = session.Plan.Row(label, parameter.Name, parameter.Value.Length, RowRole.EndToEnd);
            var analytic = group.Gradient(pass.ParameterGradients);
            Evaluator<T>[] evaluators = [new(parameter.Value.Data, suffix)];
            var row = (Settled(exact, rows.Count, plan, objective, drift, label, parameter.Name, parameter.Value.Shape, analytic, evaluators)
                ?? comparer.Compare(plan, parameter.Name, parameter.Value.Shape, analytic, evaluators)).SharedBy(group.Others, group.OneObject);
            rows.Add(row);
            drift.Require($"after checking {label}.{parameter.Name}");

            // Layer by layer, each layer's own check asks whether its parameters move its output; without it, here.
            if (!session.Options.CheckLayers && row.Passed
                && new ReachProbe<T>(label, objective).Unverified($"{label}.{parameter.Name}", parameter, analytic, evaluators[0], session.Covers, drift.Start(parameter.Value.Data)) is { } why)
            {
                session.Unchecked.Unverified(row, why);
            }
        }

        return rows;
    }

    /// <summary>The row as the exact reference settles it before differences run, or null when they must compare it.</summary>
    private TensorCheck? Settled(
        ExactRows<T>? exact, int index, RowPlan plan, Objective<T> objective, DriftProbe<T> drift, string owner, string tensor, IReadOnlyList<int> shape, T[] analytic, Evaluator<T>[] evaluators) =>
        exact?.Settle(index, plan, owner, tensor, shape, analytic, CheckScope.EndToEnd, derivatives =>
            ExactSpotCheck.Agrees(session, objective, drift, CheckScope.EndToEnd, RowRole.EndToEnd, owner, tensor, shape, derivatives, evaluators));

    private Tensor<T> RunFrom(int from, Tensor<T> activation)
    {
        for (int k = from; k < leaves.Count; k++)
        {
            activation = leaves[k].Layer.Forward(activation);
        }

        return activation;
    }
}
