using System.Numerics;

namespace GradAssert.Engine;

/// <summary>
/// Runs a whole check: a single layer directly; a <see cref="Sequential{T}"/> end to end and then layer by layer, so
/// that blame falls on the layers whose own backward is wrong. Every value it touches is restored at the end.
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

        var snapshot = new StateSnapshot<T>(layer.Parameters, input);
        try
        {
            return layer is Sequential<T> model
                ? RunModel(model, input, options)
                : RunLayer(layer, input, options, upstream);
        }
        finally
        {
            snapshot.Restore();
        }
    }

    private static CheckOutcome RunLayer<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions options, Tensor<T>? upstream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string name = layer.Name;
        var rows = LayerChecker.Check(layer, input, name, CheckScope.EndToEnd, options, Rng.For(options.ResolvedSeed, 0), upstream);
        var blamed = rows.Any(r => r.Failed > 0) ? new[] { name } : [];
        return new CheckOutcome(name, Precision.Name<T>(), options, rows, blamed, Layered: false, LayersAlone: true);
    }

    private static CheckOutcome RunModel<T>(Sequential<T> model, Tensor<T> input, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var leaves = LayerLabels.Leaves(model);

        // The activation each layer really receives; copies, so later calls cannot change them.
        var activations = new Tensor<T>[leaves.Count];
        var activation = input;
        for (int k = 0; k < leaves.Count; k++)
        {
            activations[k] = k == 0 ? input : activation.Clone();
            activation = leaves[k].Layer.Forward(activations[k]);
        }

        var local = new List<TensorCheck>();
        var blamed = new List<string>();
        if (options.CheckLayers)
        {
            for (int k = 0; k < leaves.Count; k++)
            {
                var (label, leaf) = leaves[k];
                var rng = Rng.For(options.ResolvedSeed, Rng.Mix(Rng.Hash(label), (ulong)k + 1));
                var rows = LayerChecker.Check(leaf, activations[k].Clone(), label, CheckScope.Local, options, rng);
                local.AddRange(rows);
                if (rows.Any(r => r.Failed > 0))
                {
                    blamed.Add(label);
                }
            }
        }

        var endToEnd = CheckEndToEnd(model, input, options, leaves, activations);
        return new CheckOutcome(model.Name, Precision.Name<T>(), options, [.. endToEnd, .. local], blamed, Layered: true, LayersAlone: options.CheckLayers);
    }

    private static List<TensorCheck> CheckEndToEnd<T>(
        Sequential<T> model, Tensor<T> input, GradCheckOptions options, List<(string Label, ILayer<T> Layer)> leaves, Tensor<T>[] activations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pass = AnalyticPass<T>.Run(model, input, model.Name, options, Rng.For(options.ResolvedSeed, 0));

        // Blame comes from the element-wise layer-by-layer rows; end to end, directions suffice unless asked otherwise.
        bool directional = options.Mode == CheckMode.Directional || (options.Mode == CheckMode.Auto && options.CheckLayers);
        var objective = new Objective<T>(pass.Upstream, pass.Output);
        var rng = Rng.For(options.ResolvedSeed, 0x656E64UL);
        var rows = new List<TensorCheck>();
        int p = 0;
        for (int k = 0; k < leaves.Count; k++)
        {
            // Each layer's rows carry its own label; perturbing its parameters changes nothing before it, so only the
            // suffix of the model from it on is re-run.
            int from = k;
            Func<Tensor<T>> suffix = () => RunFrom(leaves, from, activations[from]);
            var comparer = new TensorComparer<T>(options, objective, leaves[k].Label, CheckScope.EndToEnd, rng, directional);
            foreach (var parameter in leaves[k].Layer.Parameters)
            {
                rows.Add(comparer.Compare(parameter.Name, parameter.Value.Shape, pass.ParameterGradients[p++], [new(parameter.Value.Data, suffix)]));
            }
        }

        if (pass.InputGradient is not null && input.Length > 0)
        {
            var comparer = new TensorComparer<T>(options, objective, model.Name, CheckScope.EndToEnd, rng, directional);
            rows.Add(comparer.Compare("input", input.Shape, pass.InputGradient.Data, [new(input.Data, () => model.Forward(input))]));
        }

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
