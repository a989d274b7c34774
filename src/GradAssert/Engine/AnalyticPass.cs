using System.Numerics;

namespace GradAssert;

/// <summary>
/// The analytic side of a check: one forward pass, the upstream gradient r, one backward pass, with the contract
/// probes around them. Everything it returns is a copy the layer cannot change later.
/// </summary>
internal sealed class AnalyticPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private AnalyticPass(
        Tensor<T> upstream, Tensor<T> output, T[][] parameterGradients, Tensor<T>? inputGradient, bool gradientsIgnoreInput, Tensor<T>? other, Tensor<T>? otherOutput)
    {
        Other = other;
        OtherOutput = otherOutput;
        Upstream = upstream;
        Output = output;
        ParameterGradients = parameterGradients;
        InputGradient = inputGradient;
        GradientsIgnoreInput = gradientsIgnoreInput;
    }

    /// <summary>r, the upstream gradient; L = &lt;r, y&gt;.</summary>
    public Tensor<T> Upstream { get; }

    /// <summary>y0, the unperturbed output.</summary>
    public Tensor<T> Output { get; }

    /// <summary>dL/dθ per parameter, in the layer's parameter order.</summary>
    public T[][] ParameterGradients { get; }

    /// <summary>dL/dx, or null when the layer says its input is not differentiable.</summary>
    public Tensor<T>? InputGradient { get; }

    /// <summary>The other input the probes ran first (the input with its values shuffled), or null.</summary>
    public Tensor<T>? Other { get; }

    /// <summary>The output for <see cref="Other"/>.</summary>
    public Tensor<T>? OtherOutput { get; }

    /// <summary>
    /// True when Backward gave bit-identical gradients after forward passes on two inputs whose outputs differ:
    /// if the numerical check then fails, the layer is reusing a cache from an earlier Forward.
    /// </summary>
    public bool GradientsIgnoreInput { get; }

    /// <param name="upstream">A fixed r (the function form uses 1), or null to draw one from <paramref name="rng"/>.</param>
    public static AnalyticPass<T> Run(ILayer<T> layer, Tensor<T> input, string label, GradCheckOptions options, Rng rng, Tensor<T>? upstream = null)
    {
        var probe = new ContractProbe<T>(layer, label);
        var parameters = layer.Parameters;
        var valuesBefore = parameters.Select(p => (T[])p.Value.Data.Clone()).ToArray();
        var inputBefore = (T[])input.Data.Clone();

        Tensor<T>? other = options.ProbeContract ? ContractProbe<T>.Rearranged(input, rng) : null;
        Tensor<T>? otherOutput = null;
        T[][]? otherGradients = null;
        Tensor<T>? otherInputGradient = null;
        if (other is not null)
        {
            // The first Forward the checker makes is on another input, so that a layer whose cache keeps its first
            // input gives itself away below.
            otherOutput = layer.Forward(other).Clone();
            upstream ??= Draw(rng, otherOutput.Shape);
            (otherGradients, otherInputGradient) = Backward(layer, upstream, other, probe);
        }

        var output = layer.Forward(input);
        probe.InputUnchanged(inputBefore, input);
        probe.Finite(output, "output", "output");
        output = output.Clone();
        upstream ??= Draw(rng, output.Shape);
        if (!ShapeMath.SameShape(upstream.Shape, output.Shape))
        {
            throw new LayerContractException(
                $"Layer '{label}': Forward returned shape {ShapeMath.Format(output.Shape)} for one input and {ShapeMath.Format(upstream.Shape)} for another of the same shape {ShapeMath.Format(input.Shape)}; the output shape must follow the input shape.");
        }

        if (options.ProbeContract)
        {
            probe.Deterministic(output, layer.Forward(input));
        }

        var (gradients, inputGradient) = Backward(layer, upstream, input, probe);
        probe.ParametersUnchanged(valuesBefore);

        bool ignoresInput = false;
        if (other is not null)
        {
            layer.Forward(other);
            layer.Forward(input);
            var (again, inputAgain) = Backward(layer, upstream, input, probe);
            probe.NotStale(gradients, inputGradient, again, inputAgain);
            ignoresInput = !ContractProbe<T>.SameBits(otherOutput!.Data, output.Data)
                && SameGradients(otherGradients!, otherInputGradient, gradients, inputGradient);
        }

        if (options.ExpectAccumulation)
        {
            layer.Forward(input);
            Backward(layer, upstream, input, probe);
            layer.Backward(upstream.Clone());
            probe.Accumulates(gradients);
        }

        return new AnalyticPass<T>(upstream, output, gradients, inputGradient, ignoresInput, other, otherOutput);
    }

    private static (T[][] Gradients, Tensor<T>? InputGradient) Backward(ILayer<T> layer, Tensor<T> upstream, Tensor<T> input, ContractProbe<T> probe)
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

        return (layer.Parameters.Select(p => (T[])p.Gradient.Data.Clone()).ToArray(), inputGradient);
    }

    /// <summary>True when both passes produced gradients and every one of them has the same bits.</summary>
    private static bool SameGradients(T[][] a, Tensor<T>? aInput, T[][] b, Tensor<T>? bInput)
    {
        if (a.Length == 0 && aInput is null)
        {
            return false;
        }

        bool inputsAgree = aInput is null || bInput is null
            ? aInput is null && bInput is null
            : ContractProbe<T>.SameBits(aInput.Data, bInput.Data);
        return inputsAgree && a.Zip(b).All(pair => ContractProbe<T>.SameBits(pair.First, pair.Second));
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
