using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert.Engine;

/// <summary>
/// The analytic side of a check: one forward pass, the upstream gradient r, one backward pass, with the contract
/// probes around them. Everything it returns is a copy the layer cannot change later.
/// </summary>
internal sealed class AnalyticPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private AnalyticPass(string label, Tensor<T> upstream, Tensor<T> output, Gradients<T> gradients, StaleCacheProbe<T>? staleCache)
    {
        Label = label;
        Upstream = upstream;
        Output = output;
        ParameterGradients = gradients.Parameters;
        InputGradient = gradients.Input;
        StaleCache = staleCache;
    }

    /// <summary>The layer's label in the report.</summary>
    public string Label { get; }

    /// <summary>r, the upstream gradient; L = &lt;r, y&gt;.</summary>
    public Tensor<T> Upstream { get; }

    /// <summary>y0, the unperturbed output.</summary>
    public Tensor<T> Output { get; }

    /// <summary>dL/dθ per parameter, in the layer's parameter order.</summary>
    public T[][] ParameterGradients { get; }

    /// <summary>dL/dx, or null when the layer says its input is not differentiable.</summary>
    public Tensor<T>? InputGradient { get; }

    /// <summary>The stale-cache probe, which decides after the comparisons; null when the contract is not probed.</summary>
    public StaleCacheProbe<T>? StaleCache { get; }

    /// <param name="upstream">A fixed r (the function form uses 1), or null to draw one from <paramref name="rng"/>.</param>
    public static AnalyticPass<T> Run(ILayer<T> layer, Tensor<T> input, string label, GradCheckOptions options, Rng rng, Tensor<T>? upstream = null)
    {
        var probe = new ContractProbe<T>(layer, label);
        var valuesBefore = layer.Parameters.Select(p => (T[])p.Value.Data.Clone()).ToArray();
        var inputBefore = (T[])input.Data.Clone();
        Tensor<T> Upstream(IReadOnlyList<int> shape) => upstream ??= Draw(rng, shape);
        Gradients<T> Backward(Tensor<T> at) => BackwardOnce(layer, upstream!, at, probe);

        // The first Forward the checker makes is on another input, so that a layer whose cache keeps its first input
        // gives itself away.
        var staleCache = options.ProbeContract ? StaleCacheProbe<T>.Start(layer, input, probe, rng, Upstream, Backward) : null;

        var output = layer.Forward(input);
        probe.InputUnchanged(inputBefore, input);
        probe.Finite(output, "output", "output");
        output = output.Clone();
        var r = Upstream(output.Shape);
        if (!ShapeMath.SameShape(r.Shape, output.Shape))
        {
            throw new LayerContractException(
                $"Layer '{label}': Forward returned shape {ShapeMath.Format(output.Shape)} for one input and {ShapeMath.Format(r.Shape)} for another of the same shape {ShapeMath.Format(input.Shape)}; the output shape must follow the input shape.");
        }

        if (options.ProbeContract)
        {
            probe.Deterministic(output, layer.Forward(input));
        }

        var gradients = Backward(input);
        probe.ParametersUnchanged(valuesBefore);
        staleCache?.CheckRepeat(input, output, gradients, Backward);

        if (options.ExpectAccumulation)
        {
            layer.Forward(input);
            Backward(input);
            layer.Backward(r.Clone());
            probe.Accumulates(gradients.Parameters);
        }

        return new AnalyticPass<T>(label, r, output, gradients, staleCache);
    }

    private static Gradients<T> BackwardOnce(ILayer<T> layer, Tensor<T> upstream, Tensor<T> input, ContractProbe<T> probe)
    {
        foreach (var parameter in layer.Parameters)
        {
            Array.Clear(parameter.Gradient.Data);
        }

        var inputGradient = layer.Backward(upstream.Clone());
        if (inputGradient is not null)
        {
            probe.GradientShape(inputGradient, input);
            probe.Finite(inputGradient, "input gradient", "input");
            inputGradient = inputGradient.Clone();
        }

        foreach (var parameter in layer.Parameters)
        {
            probe.Finite(parameter.Gradient, $"gradient of parameter '{parameter.Name}'", parameter.Name);
        }

        return new Gradients<T>(layer.Parameters.Select(p => (T[])p.Gradient.Data.Clone()).ToArray(), inputGradient);
    }

    private static Tensor<T> Draw(Rng rng, IReadOnlyList<int> shape)
    {
        var r = new Tensor<T>(shape.ToArray());
        for (int i = 0; i < r.Length; i++)
        {
            r.Data[i] = T.CreateTruncating(rng.NextNormal());
        }

        return r;
    }
}
