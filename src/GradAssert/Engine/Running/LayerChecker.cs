using System.Numerics;

namespace GradAssert.Engine;

/// <summary>Checks one layer on one input: every parameter, and the input gradient unless Backward returns null.</summary>
internal static class LayerChecker
{
    public static List<TensorCheck> Check<T>(
        ILayer<T> layer, Tensor<T> input, string label, CheckScope scope, GradCheckOptions options, Rng rng, Tensor<T>? upstream = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pass = AnalyticPass<T>.Run(layer, input, label, options, rng, upstream);
        var objective = new Objective<T>(pass.Upstream, pass.Output);
        var drift = new DriftProbe<T>(label, objective, () => layer.Forward(input)).Watch("input", "input", input);
        foreach (var parameter in layer.Parameters)
        {
            drift.Watch("parameter", parameter.Name, parameter.Value);
        }

        var comparer = new TensorComparer<T>(options, objective, label, scope, rng, directional: options.Mode == CheckMode.Directional) { Drift = drift };
        var copies = Copies(layer, input, label, options);

        var rows = new List<TensorCheck>();
        var parameters = layer.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            int index = p;
            var evaluators = copies.Select(c => new Evaluator<T>(c.Layer.Parameters[index].Value.Data, c.Evaluate)).ToArray();
            rows.Add(comparer.Compare(parameters[p].Name, parameters[p].Value.Shape, pass.ParameterGradients[p], evaluators));
            drift.Require($"after checking {parameters[p].Name}");
        }

        if (pass.InputGradient is not null && input.Length > 0)
        {
            var evaluators = copies.Select(c => new Evaluator<T>(c.Input.Data, c.Evaluate)).ToArray();
            rows.Add(comparer.Compare("input", input.Shape, pass.InputGradient.Data, evaluators));
            drift.Require("after checking input");
        }

        pass.StaleCache?.ThrowIfStale(rows, pass, options, rng);
        return rows;
    }

    /// <summary>The layer itself, then (for parallel checks of a cloneable layer) independent clones with their own input copies.</summary>
    private static List<(ILayer<T> Layer, Tensor<T> Input, Func<Tensor<T>> Evaluate)> Copies<T>(
        ILayer<T> layer, Tensor<T> input, string label, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var copies = new List<(ILayer<T>, Tensor<T>, Func<Tensor<T>>)> { (layer, input, () => layer.Forward(input)) };
        if (options.Parallelism > 1 && layer is ICloneableLayer<T> cloneable)
        {
            for (int k = 1; k < options.Parallelism; k++)
            {
                var clone = cloneable.Clone();
                ContractProbe<T>.SameParameters(label, layer, clone);
                var copy = input.Clone();
                copies.Add((clone, copy, () => clone.Forward(copy)));
            }
        }

        return copies;
    }
}
