using System.Numerics;

namespace GradAssert.Engine;

/// <summary>Checks one layer on one input: every parameter, and the input gradient unless Backward returns null.</summary>
internal static class LayerChecker
{
    /// <param name="input">A private copy the check may perturb; never the caller's tensor.</param>
    /// <param name="unchecked">Receives what was not compared and why.</param>
    public static List<TensorCheck> Check<T>(
        ILayer<T> layer, Tensor<T> input, string label, CheckScope scope, GradCheckOptions options, Rng rng, Unchecked @unchecked, Tensor<T>? upstream = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = LayerAccess.Parameters(layer, label);
        var pass = AnalyticPass<T>.Run(layer, parameters, input, label, options, rng, upstream);
        var objective = new Objective<T>(pass.Upstream, pass.Output);
        var drift = new DriftProbe<T>(label, objective, () => LayerAccess.Forward(layer, input, label, "on the unperturbed input, to re-check its output"))
            .Watch("input", "input", input);
        foreach (var parameter in parameters)
        {
            drift.Watch("parameter", parameter.Name, parameter.Value);
        }

        var comparer = new TensorComparer<T>(options, objective, label, scope, rng, directional: options.Mode == CheckMode.Directional) { Drift = drift };
        var copies = Copies(layer, parameters, input, label, options);

        // Parameters over one array (listed twice, or tied inside the layer) are one tensor: compared once, against the
        // sum of their gradients.
        var rows = new List<TensorCheck>();
        foreach (var group in SharedParameters<T>.Group(parameters.Select((parameter, p) => (label, 0, p, parameter))))
        {
            var (_, _, index, parameter) = group.First;
            var evaluators = copies.Select(c => new Evaluator<T>(c.Parameters[index].Value.Data, c.Evaluate)).ToArray();
            rows.Add(comparer.Compare(parameter.Name, parameter.Value.Shape, group.Gradient(pass.ParameterGradients), evaluators));
            drift.Require($"after checking {parameter.Name}");
        }

        if (pass.InputGradient is not null && input.Length > 0)
        {
            var evaluators = copies.Select(c => new Evaluator<T>(c.Input.Data, c.Evaluate)).ToArray();
            rows.Add(comparer.Compare("input", input.Shape, pass.InputGradient.Data, evaluators));
            drift.Require("after checking input");
        }

        pass.StaleCache?.ThrowIfStale(rows, pass, parameters, options, rng);
        @unchecked.Note(label, parameters, input, pass.InputGradient is not null, pass.Output, inputless: layer is IInputless);
        return rows;
    }

    /// <summary>The layer itself, then (for parallel checks of a cloneable layer) independent clones with their own input copies.</summary>
    private static List<(Parameter<T>[] Parameters, Tensor<T> Input, Func<Tensor<T>> Evaluate)> Copies<T>(
        ILayer<T> layer, Parameter<T>[] parameters, Tensor<T> input, string label, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var copies = new List<(Parameter<T>[], Tensor<T>, Func<Tensor<T>>)> { (parameters, input, () => layer.Forward(input)) };
        if (options.Parallelism > 1 && layer is ICloneableLayer<T> cloneable)
        {
            for (int k = 1; k < options.Parallelism; k++)
            {
                var clone = UserCode.Run(cloneable.Clone, () => $"Layer '{label}' threw from Clone") ?? throw Contract.Broken(label, "Clone() returned null.");
                var cloneParameters = LayerAccess.Parameters(clone, label);
                ContractProbe<T>.SameParameters(label, parameters, cloneParameters);
                var copy = input.Clone();
                copies.Add((cloneParameters, copy, () => clone.Forward(copy)));
            }
        }

        return copies;
    }
}
