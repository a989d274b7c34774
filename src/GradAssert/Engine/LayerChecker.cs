using System.Numerics;

namespace GradAssert;

/// <summary>Checks one layer on one input: every parameter, and the input gradient unless Backward returns null.</summary>
internal static class LayerChecker
{
    public static List<TensorCheck> Check<T>(
        ILayer<T> layer, Tensor<T> input, string label, CheckScope scope, GradCheckOptions options, Rng rng, Tensor<T>? upstream = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pass = AnalyticPass<T>.Run(layer, input, label, options, rng, upstream);
        var objective = new Objective<T>(pass.Upstream, pass.Output);
        var copies = Copies(layer, input, label, options);

        bool directional = options.Mode == CheckMode.Directional;
        var rows = new List<TensorCheck>();
        var parameters = layer.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            int index = p;
            var evaluators = copies.Select(c => new Evaluator<T>(c.Layer.Parameters[index].Value.Data, c.Evaluate)).ToArray();
            var figures = TensorComparer.Compare(options, objective, parameters[p].Value.Shape, pass.ParameterGradients[p], evaluators, directional, rng, (label, parameters[p].Name, scope));
            rows.Add(new TensorCheck(label, parameters[p].Name, scope, parameters[p].Value.Shape, figures));
        }

        if (pass.InputGradient is not null && input.Length > 0)
        {
            var evaluators = copies.Select(c => new Evaluator<T>(c.Input.Data, c.Evaluate)).ToArray();
            var figures = TensorComparer.Compare(options, objective, input.Shape, pass.InputGradient.Data, evaluators, directional, rng, (label, "input", scope));
            rows.Add(new TensorCheck(label, "input", scope, input.Shape, figures));
        }

        if (pass.GradientsIgnoreInput && rows.Any(r => !r.Passed) && RightForTheOtherInput(layer, pass, options, rng))
        {
            throw new ContractProbe<T>(layer, label).StaleCache();
        }

        return rows;
    }

    /// <summary>
    /// A stale layer's gradients are right, but for an earlier input: Backward returned the same bits after Forward on
    /// the other input. Only if they pass there is the layer stale; otherwise its gradient is simply wrong (one that does
    /// not depend on the input, such as |x|′ taken as 1) and the report says so.
    /// </summary>
    private static bool RightForTheOtherInput<T>(ILayer<T> layer, AnalyticPass<T> pass, GradCheckOptions options, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options = options with { Progress = null };
        var other = pass.Other!.Clone();
        var objective = new Objective<T>(pass.Upstream, pass.OtherOutput!);
        Evaluator<T>[] On(T[] data) => [new(data, () => layer.Forward(other))];
        var parameters = layer.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            var value = parameters[p].Value;
            if (!TensorComparer.Compare(options, objective, value.Shape, pass.ParameterGradients[p], On(value.Data), directional: false, rng, default).Passed)
            {
                return false;
            }
        }

        return pass.InputGradient is null
            || TensorComparer.Compare(options, objective, other.Shape, pass.InputGradient.Data, On(other.Data), directional: false, rng, default).Passed;
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
