using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// The analytic side of a check: one forward pass, the upstream gradient r, one backward pass, with the contract
/// probes around them. Everything it returns is a copy the layer cannot change later.
/// </summary>
internal sealed class AnalyticPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(T[] Live, T[] Copy)> _before;

    private AnalyticPass(string label, Tensor<T> upstream, Tensor<T> output, Gradients<T> gradients, StaleCacheProbe<T>? staleCache, List<(T[] Live, T[] Copy)> before)
    {
        _before = before;
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

    /// <summary>
    /// The copy of <paramref name="live"/> (a parameter's values, or the input) taken before the pass, which the layer
    /// left unchanged through it; null for any other array. A later copy of the same bits can be this one.
    /// </summary>
    public T[]? Before(T[] live) => _before.Find(b => ReferenceEquals(b.Live, live)).Copy;

    /// <param name="parameters">The layer's parameters as listed before any Forward.</param>
    /// <param name="upstream">A fixed r (the function form uses 1), or null to draw one from <paramref name="rng"/>.</param>
    /// <param name="recorder">Notes the sub-layer calls of the forward pass on the input, for blame inside a composite.</param>
    /// <param name="originals">The check's snapshot: its copies serve as the pass's own where the bits are still the same.</param>
    public static AnalyticPass<T> Run(
        ILayer<T> layer, Parameter<T>[] parameters, Tensor<T> input, string label, GradCheckOptions options, Rng rng, Tensor<T>? upstream = null, CallRecorder<T>? recorder = null,
        StateSnapshot<T>? originals = null)
    {
        var probe = new ContractProbe<T>(label, parameters);
        probe.Finite(input, "input", "input", ContractProbe<T>.InputOfTheCheck);
        foreach (var parameter in parameters)
        {
            probe.Finite(parameter.Value, $"value of {parameter.Described}", parameter.Name, parameter.IsInput ? ContractProbe<T>.InputOfTheCheck : ContractProbe<T>.ParameterBeforeTheCheck);
        }

        bool upstreamGiven = upstream is not null;
        var valuesBefore = parameters.Select(p => originals?.CopyOf(p.Value.Data) ?? (T[])p.Value.Data.Clone()).ToArray();
        var inputBefore = (T[])input.Data.Clone();
        Tensor<T> Upstream(IReadOnlyList<int> shape)
        {
            if (upstreamGiven && !ShapeMath.SameShape(upstream!.Shape, shape))
            {
                throw new ArgumentException(
                    $"The upstream gradient given for layer '{label}' has shape {ShapeMath.Format(upstream.Shape)}, but its Forward returned shape {ShapeMath.Format(shape)}: dL/d(output) must have the output's shape.",
                    nameof(upstream));
            }

            return upstream ??= Draw(rng, shape);
        }

        Gradients<T> Backward(Tensor<T> at, string during) => BackwardOnce(layer, parameters, upstream!, at, label, probe, during);

        // The first Forward the checker makes is on another input, so that a layer whose cache keeps its first input
        // gives itself away.
        var staleCache = options.ProbeContract ? StaleCacheProbe<T>.Start(layer, label, input, probe, rng, Upstream, Backward) : null;
        if (staleCache is not null)
        {
            LayerAccess.RequireSameParameters(layer, label, parameters, "after its first Forward");
        }

        var output = recorder is null
            ? LayerAccess.Forward(layer, input, label, "on the check's input")
            : recorder.While(() => LayerAccess.Forward(layer, input, label, "on the check's input"));
        LayerAccess.RequireSameParameters(layer, label, parameters, "after its first Forward");
        probe.InputUnchanged(inputBefore, input);
        probe.Finite(output, "output", "output", "a finite input");
        output = output.Clone();
        var r = Upstream(output.Shape);
        if (!ShapeMath.SameShape(r.Shape, output.Shape))
        {
            throw Contract.Broken(label,
                $"Forward returned shape {ShapeMath.Format(output.Shape)} for one input and {ShapeMath.Format(r.Shape)} for another of the same shape {ShapeMath.Format(input.Shape)}; the output shape must follow the input shape.");
        }

        if (options.ProbeContract)
        {
            // A forward that changes its own parameters also gives another output the next time: say which it is.
            probe.ParametersUnchanged(valuesBefore);
            probe.Deterministic(output, LayerAccess.Forward(layer, input, label, "during the determinism probe (the same input again)"));
        }

        var gradients = Backward(input, "on the upstream gradient");
        probe.ParametersUnchanged(valuesBefore);
        staleCache?.CheckRepeat(input, output, gradients, Backward, parameters);

        if (options.ExpectAccumulation)
        {
            const string During = "during the accumulation probe";
            LayerAccess.Forward(layer, input, label, During);
            Backward(input, During);
            LayerAccess.Backward(layer, r.Clone(), label, During);
            probe.Accumulates(gradients.Parameters);
        }

        List<(T[], T[])> before = [.. parameters.Select((p, i) => (p.Value.Data, valuesBefore[i])), (input.Data, inputBefore)];
        return new AnalyticPass<T>(label, r, output, gradients, staleCache, before);
    }

    private static Gradients<T> BackwardOnce(
        ILayer<T> layer, Parameter<T>[] parameters, Tensor<T> upstream, Tensor<T> input, string label, ContractProbe<T> probe, string during)
    {
        foreach (var parameter in parameters)
        {
            Array.Clear(parameter.Gradient.Data);
        }

        var inputGradient = LayerAccess.Backward(layer, upstream.Clone(), label, during);
        if (inputGradient is not null)
        {
            probe.GradientShape(inputGradient, input);
            probe.Finite(inputGradient, "input gradient", "input", "a finite input and upstream gradient");
            inputGradient = inputGradient.Clone();
        }

        foreach (var parameter in parameters)
        {
            probe.Finite(parameter.Gradient, $"gradient of {parameter.Described}", parameter.Name, "a finite input and upstream gradient");
        }

        return new Gradients<T>(parameters.Select(p => (T[])p.Gradient.Data.Clone()).ToArray(), inputGradient);
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
