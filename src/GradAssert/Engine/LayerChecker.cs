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
        Func<Tensor<T>> evaluate = () => layer.Forward(input);

        bool directional = options.Mode == CheckMode.Directional;
        var rows = new List<TensorCheck>();
        var parameters = layer.Parameters;
        for (int p = 0; p < parameters.Count; p++)
        {
            var value = parameters[p].Value;
            var figures = TensorComparer.Compare(options, objective, value.Data, value.Shape, pass.ParameterGradients[p], evaluate, directional, rng);
            rows.Add(new TensorCheck(label, parameters[p].Name, scope, value.Shape, figures));
        }

        if (pass.InputGradient is not null && input.Length > 0)
        {
            var figures = TensorComparer.Compare(options, objective, input.Data, input.Shape, pass.InputGradient.Data, evaluate, directional, rng);
            rows.Add(new TensorCheck(label, "input", scope, input.Shape, figures));
        }

        if (pass.GradientsIgnoreInput && rows.Any(r => !r.Passed))
        {
            throw new ContractProbe<T>(layer, label).StaleCache();
        }

        return rows;
    }
}
