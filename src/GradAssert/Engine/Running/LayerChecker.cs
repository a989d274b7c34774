using System.Numerics;
using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Planning;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>Checks one layer on one input: every parameter, and the input gradient unless Backward returns null.</summary>
internal static class LayerChecker
{
    /// <summary>
    /// The layer checked alone, its blame assessed: when it is a composite and the layers are checked alone, each
    /// sub-layer call it made is checked alone too (<see cref="CompositeChecker"/>), and its rows follow the layer's.
    /// </summary>
    public static LayerRows Alone<T>(CheckSession<T> session, LayerUnderCheck<T> check)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var checkedLayer = Check(session, check);
        if (check.Composite is { IsComposite: true } composite && session.Options.CheckLayers)
        {
            var calls = CompositeChecker.Check(session, composite, check.Label, Blame.ProvenWrong(checkedLayer.Rows), LayerAccess.Parameters(check.Layer, check.Label));
            return checkedLayer with { Rows = [.. checkedLayer.Rows, .. calls] };
        }

        session.Blame.Layer(check.Label, checkedLayer.Rows);
        return checkedLayer;
    }

    /// <summary>The layer's rows: each parameter not frozen (tied ones once), then its input.</summary>
    /// <param name="originals">The snapshot whose copies serve as the check's own where the bits are the same: the session's unless given.</param>
    public static LayerRows Check<T>(CheckSession<T> session, LayerUnderCheck<T> check, StateSnapshot<T>? originals = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (layer, input, label) = (check.Layer, check.Input, check.Label);
        var parameters = LayerAccess.Parameters(layer, label);
        session.Note(parameters);
        var pass = AnalyticPass<T>.Run(check, parameters, session.Options, originals ?? session.Snapshot);
        var objective = new Objective<T>(pass.Upstream, pass.Output);
        var drift = new DriftProbe<T>(label, objective, () => LayerAccess.Forward(layer, input, label, "on the unperturbed input, to re-check its output"))
            .Watch("input", "input", input, pass.Before(input.Data));
        foreach (var parameter in parameters)
        {
            drift.Watch("parameter", parameter.Name, parameter.Value, pass.Before(parameter.Value.Data));
        }

        // Like a model's end-to-end rows, a composite's are planned as such when its sub-layers are checked alone.
        var role = check.Composite?.IsComposite == true && check.Scope == CheckScope.EndToEnd ? RowRole.EndToEnd : RowRole.Alone;
        var first = SyncedLayer<T>.Unwrap(layer) is IInputless ? parameters.FirstOrDefault(p => p.IsInput) : null;
        var loss = LossEvidence<T>.For(session, check, objective, drift, role, first?.Value ?? (SyncedLayer<T>.Unwrap(layer) is IInputless ? null : input), first?.Name ?? "input");
        var exact = ExactReference.For(session, check, parameters, pass, objective);
        var rows = new Rows<T>(session, check, pass, objective, drift, Copies(layer, parameters, input, label, session.Options), role) { Loss = loss, Exact = exact };
        rows.CompareParameters(parameters);
        rows.CompareInput();
        pass.StaleCache?.ThrowIfStale(rows.All, pass, parameters, session.Plan, role, check.Rng);
        exact?.Judge(rows.All, session);

        session.Unchecked.Note(label, parameters, input, pass.InputGradient is not null, pass.Output, inputless: SyncedLayer<T>.Unwrap(layer) is IInputless);
        return new LayerRows(rows.All, pass.Output.Shape);
    }

    /// <summary>The rows of one layer check as they are compared, each tensor by the comparer of the sub-layer that owns it.</summary>
    private sealed class Rows<T>(
        CheckSession<T> session, LayerUnderCheck<T> check, AnalyticPass<T> pass, Objective<T> objective, DriftProbe<T> drift,
        List<(Parameter<T>[] Parameters, Tensor<T> Input, Func<Tensor<T>> Evaluate)> copies, RowRole role)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Dictionary<string, TensorComparer<T>> _comparers = new(StringComparer.Ordinal);

        public List<TensorCheck> All { get; } = [];

        /// <summary>The evidence a failing row of a loss gives of its cause, or null when the layer is no loss.</summary>
        public LossEvidence<T>? Loss { get; init; }

        /// <summary>The exact reference, which settles the rows it confirms before differences run; null when not asked for.</summary>
        public ExactRows<T>? Exact { get; init; }

        /// <summary>
        /// Each parameter not frozen. Parameters over one array (listed twice, or tied inside the layer) are one tensor:
        /// compared once, against the sum of their gradients.
        /// </summary>
        public void CompareParameters(Parameter<T>[] parameters)
        {
            var (label, composite) = (check.Label, check.Composite);

            // A layer with named inputs reports them as rows of their own; a parameter of its own by the same name could
            // not be told apart (one a sub-layer owns is named by that sub-layer's path).
            var inputs = parameters.Where(p => p.IsInput).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            if (parameters.FirstOrDefault(p => !p.IsInput && inputs.Contains(p.Name) && composite?.OwnerOf(p) is null) is { } clash)
            {
                throw new ArgumentException(
                    $"Layer '{label}' has a parameter and an input both named '{clash.Name}': the report could not tell their rows apart. Rename one.",
                    nameof(inputs));
            }

            foreach (var group in SharedParameters<T>.Group(parameters.Select((parameter, p) => (label, 0, p, parameter))))
            {
                var (_, _, index, parameter) = group.First;
                var idle = composite?.IdleOwnerOf(parameter, LayerAccess.UserObjects(check.Layer));
                string? sub = composite?.OwnerOf(parameter) ?? idle?.Label;
                if (group.Members.Any(m => session.IsFrozen(m.Parameter)))
                {
                    session.Unchecked.Note($"{sub ?? label}.{parameter.Name} is frozen: left out of the check");
                    continue;
                }

                var evaluators = copies.Select(c => new Evaluator<T>(c.Parameters[index].Value.Data, c.Evaluate)).ToArray();
                string owner = sub is null || composite!.QualifyTensors ? label : sub;
                string tensor = sub is not null && composite!.QualifyTensors ? $"{sub[composite.Prefix.Length..]}.{parameter.Name}" : parameter.Name;
                var analytic = group.Gradient(pass.ParameterGradients);
                var row = Compare(owner, tensor, parameter.Value.Shape, analytic, evaluators);
                drift.Require($"after checking {parameter.Name}");
                var reach = new ReachProbe<T>(label, objective);
                var copy = drift.Start(evaluators[0].Data);
                if (!row.Passed)
                {
                    reach.RequireReach(parameter, evaluators[0], row, copy);
                }
                else if (reach.Unverified($"{owner}.{tensor}", parameter, analytic, evaluators[0], session.Covers, copy) is { } why)
                {
                    // A sub-layer that made no call (an expert its router did not pick) rightly moves nothing here.
                    if (idle is var (idleLabel, idleName))
                    {
                        session.Unchecked.DidNotRun(row, idleLabel, idleName, tensor);
                    }
                    else
                    {
                        session.Unchecked.Unverified(row, why);
                    }
                }
            }
        }

        /// <summary>The input, unless Backward declared it not differentiable or it has no elements.</summary>
        public void CompareInput()
        {
            var input = check.Input;
            if (pass.InputGradient is not null && input.Length > 0)
            {
                var evaluators = copies.Select(c => new Evaluator<T>(c.Input.Data, c.Evaluate)).ToArray();
                Compare(check.Label, "input", input.Shape, pass.InputGradient.Data, evaluators);
                drift.Require("after checking input");
            }
        }

        private TensorCheck Compare(string owner, string tensor, IReadOnlyList<int> shape, T[] analytic, Evaluator<T>[] evaluators)
        {
            if (!_comparers.TryGetValue(owner, out var comparer))
            {
                _comparers[owner] = comparer = new TensorComparer<T>(objective, owner, check.Scope, check.Rng) { Drift = drift };
            }

            var plan = session.Plan.Row(owner, tensor, analytic.Length, role);
            var row = Exact?.Settle(All.Count, plan, owner, tensor, shape, analytic, check.Scope, exact => ExactSpotCheck.Agrees(session, objective, drift, check.Scope, role, owner, tensor, shape, exact, evaluators))
                ?? comparer.Compare(plan, tensor, shape, analytic, evaluators);
            All.Add(row);
            if (Loss?.Explain(row, owner, tensor, shape, analytic, evaluators) is { } cause)
            {
                session.Causes.Add(cause);
            }

            return row;
        }
    }

    /// <summary>
    /// The layer itself, then (for parallel checks of a cloneable layer, or of any layer given a
    /// <see cref="GradCheckOptions.LayerFactory"/>) independent copies with their own input copies.
    /// </summary>
    private static List<(Parameter<T>[] Parameters, Tensor<T> Input, Func<Tensor<T>> Evaluate)> Copies<T>(
        ILayer<T> layer, Parameter<T>[] parameters, Tensor<T> input, string label, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var copies = new List<(Parameter<T>[], Tensor<T>, Func<Tensor<T>>)> { (parameters, input, () => layer.Forward(input)) };
        if (options.Parallelism > 1 && (layer is ICloneableLayer<T> || options.LayerFactory is not null))
        {
            for (int k = 1; k < options.Parallelism; k++)
            {
                var clone = layer is ICloneableLayer<T> cloneable
                    ? UserCode.Run(cloneable.Clone, () => $"Layer '{label}' threw from Clone") ?? throw Contract.Broken(label, "Clone() returned null.")
                    : FactoryCopy.Build(layer, parameters, input, label, options);
                var cloneParameters = LayerAccess.Parameters(clone, label);
                ContractProbe<T>.SameParameters(label, parameters, cloneParameters);
                var copy = input.Clone();
                copies.Add((cloneParameters, copy, () => clone.Forward(copy)));
            }
        }

        return copies;
    }
}
