using System.Numerics;
using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Planning;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>Checks one layer on one input: every parameter, and the input gradient unless Backward returns null.</summary>
internal static class LayerChecker
{
    /// <param name="input">A private copy the check may perturb; never the caller's tensor.</param>
    /// <param name="unchecked">Receives what was not compared and why.</param>
    /// <param name="output">Receives the unperturbed output's shape.</param>
    /// <param name="composite">Records the sub-layer calls of a composite; its parameters' rows then name their sub-layer.</param>
    /// <param name="originals">The snapshot restored at the end, whose copies serve as the check's own where the bits are the same.</param>
    public static List<TensorCheck> Check<T>(
        ILayer<T> layer, Tensor<T> input, string label, CheckScope scope, GradCheckOptions options, Rng rng, Unchecked @unchecked, out IReadOnlyList<int> output,
        Tensor<T>? upstream = null, CompositeScope<T>? composite = null, StateSnapshot<T>? originals = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = LayerAccess.Parameters(layer, label);
        var pass = AnalyticPass<T>.Run(layer, parameters, input, label, options, rng, upstream, composite?.Recorder, originals);
        output = pass.Output.Shape;
        var objective = new Objective<T>(pass.Upstream, pass.Output);
        var drift = new DriftProbe<T>(label, objective, () => LayerAccess.Forward(layer, input, label, "on the unperturbed input, to re-check its output"))
            .Watch("input", "input", input, pass.Before(input.Data));
        foreach (var parameter in parameters)
        {
            drift.Watch("parameter", parameter.Name, parameter.Value, pass.Before(parameter.Value.Data));
        }

        // Like a model's end-to-end rows, a composite's are planned as such when its sub-layers are checked alone.
        var plan = new CheckPlan(options);
        var role = composite?.IsComposite == true && scope == CheckScope.EndToEnd ? RowRole.EndToEnd : RowRole.Alone;
        var comparers = new Dictionary<string, TensorComparer<T>>(StringComparer.Ordinal);
        TensorComparer<T> ComparerFor(string owner) => comparers.TryGetValue(owner, out var c) ? c
            : comparers[owner] = new TensorComparer<T>(objective, owner, scope, rng) { Drift = drift };
        var comparer = ComparerFor(label);
        var copies = Copies(layer, parameters, input, label, options);

        // Parameters over one array (listed twice, or tied inside the layer) are one tensor: compared once, against the
        // sum of their gradients.
        var rows = new List<TensorCheck>();
        foreach (var group in SharedParameters<T>.Group(parameters.Select((parameter, p) => (label, 0, p, parameter))))
        {
            var (_, _, index, parameter) = group.First;
            if (parameter.Frozen)
            {
                @unchecked.Note($"{composite?.OwnerOf(parameter) ?? label}.{parameter.Name} is frozen: left out of the check");
                continue;
            }

            var evaluators = copies.Select(c => new Evaluator<T>(c.Parameters[index].Value.Data, c.Evaluate)).ToArray();
            string? sub = composite?.OwnerOf(parameter);
            string ownerLabel = sub is null || composite!.QualifyTensors ? label : sub;
            string tensor = sub is not null && composite!.QualifyTensors ? $"{sub[composite.Prefix.Length..]}.{parameter.Name}" : parameter.Name;
            var row = ComparerFor(ownerLabel).Compare(plan.Row(ownerLabel, tensor, parameter.Value.Length, role), tensor, parameter.Value.Shape, group.Gradient(pass.ParameterGradients), evaluators);
            rows.Add(row);
            drift.Require($"after checking {parameter.Name}");
            if (!row.Passed)
            {
                RequireReach(label, parameter, evaluators[0], objective, row, drift.Start(evaluators[0].Data));
            }
        }

        if (pass.InputGradient is not null && input.Length > 0)
        {
            var evaluators = copies.Select(c => new Evaluator<T>(c.Input.Data, c.Evaluate)).ToArray();
            rows.Add(comparer.Compare(plan.Row(label, "input", input.Length, role), "input", input.Shape, pass.InputGradient.Data, evaluators));
            drift.Require("after checking input");
        }

        pass.StaleCache?.ThrowIfStale(rows, pass, parameters, plan, role, rng);
        @unchecked.Note(label, parameters, input, pass.InputGradient is not null, pass.Output, inputless: SyncedLayer<T>.Unwrap(layer) is IInputless);
        return rows;
    }

    /// <summary>
    /// A failing parameter whose every element can be set to NaN without changing a single bit of the output is not
    /// what the layer reads: a wrapper around a copy, or the wrong array. That is no bug in the backward pass, and saying
    /// so is the most useful thing the report can do for whoever wrote the adapter. (A parameter that is read but has no
    /// effect at this input, such as a layer norm's gain over a single feature, still passes the NaN on: it is judged
    /// on its gradient as usual.)
    /// </summary>
    /// <param name="copy">A copy of the parameter's bits, put back from instead of a new one if it still holds them.</param>
    private static void RequireReach<T>(string label, Parameter<T> parameter, Evaluator<T> tensor, Objective<T> objective, TensorCheck row, T[]? copy)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = tensor.Data;
        var original = BitExact.CopyOf(data, copy);
        bool unchanged;
        try
        {
            Array.Fill(data, T.NaN);
            var output = tensor.Evaluate();

            // Read before the values are put back: the output may be the parameter's own storage.
            unchanged = output is not null && objective.FirstChange(output) < 0;
        }
        catch (Exception error) when (error is not LayerContractException)
        {
            unchanged = false; // it noticed the NaN, so it reads the storage
        }
        finally
        {
            original.AsSpan().CopyTo(data);
        }

        if (unchanged && row.AnalyticAtWorst != 0)
        {
            string at = ShapeMath.Format(row.WorstIndex);
            throw Contract.Broken(label,
                $"Changing {parameter.Name} does not change the output (not a single bit, with every element of {parameter.Name} set to NaN), but its analytic gradient is not zero ({parameter.Name}{at} is {Values.Show(T.CreateTruncating(row.AnalyticAtWorst))}): " +
                $"is {parameter.Name} the storage the layer reads? A Parameter must wrap the very array Forward reads (not a copy of it), or be made with Parameter<T>.Over(…) over the storage it reads.");
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
