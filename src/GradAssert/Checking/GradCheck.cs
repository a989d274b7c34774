using System.Numerics;
using GradAssert.Checking;
using GradAssert.Engine.Running;
using GradAssert.Tensors;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert;

/// <summary>
/// Gradient checks that return their report and never throw for a mismatch (they do throw
/// <see cref="LayerContractException"/> when a layer breaks the contract). <see cref="GradientAssert"/> throws instead.
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Compares <paramref name="layer"/>'s backward pass with finite differences on <paramref name="input"/>: every
    /// parameter, and the input gradient unless Backward returns null. A <see cref="Sequential{T}"/> is checked end to end
    /// and layer by layer. Parameters, gradients and the input are restored bit for bit afterwards, also when the layer throws.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer or model under test.</param>
    /// <param name="input">The input to check at.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(layer, input, options, upstream: null);

    /// <summary>
    /// <see cref="Layer{T}(ILayer{T}, Tensor{T}, GradCheckOptions?)"/>, stopped by <paramref name="cancellationToken"/>:
    /// the check looks at it before every evaluation of the layer, so it stops within one forward pass, and it restores
    /// every parameter, gradient and input before the <see cref="OperationCanceledException"/> leaves it.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer or model under test.</param>
    /// <param name="input">The input to check at.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions? options, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(layer, input, options, upstream: null, cancellationToken);

    /// <summary>
    /// Checks <paramref name="layer"/> as <see cref="Layer{T}(ILayer{T}, Tensor{T}, GradCheckOptions?)"/> does, with the
    /// upstream gradient dL/d(output) given (PyTorch's <c>grad_outputs</c>) instead of drawn: the objective is
    /// &lt;<paramref name="upstream"/>, output&gt;. For a loss that returns one number, an upstream of 1 checks dL/dθ itself.
    /// For a <see cref="Sequential{T}"/> it applies end to end; each layer alone still gets a drawn one.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer or model under test.</param>
    /// <param name="input">The input to check at.</param>
    /// <param name="upstream">dL/d(output), with the output's shape.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="upstream"/> does not have the output's shape.</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(ILayer<T> layer, Tensor<T> input, Tensor<T> upstream, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(layer, input, options, (upstream ?? throw new ArgumentNullException(nameof(upstream))).Clone());

    /// <summary>
    /// Compares the backward pass of a layer with several named inputs and outputs with finite differences: every
    /// parameter and every input not declared constant, each reported by its name (<c>q</c>, <c>k</c>, <c>v</c>). Constant
    /// inputs (targets, masks, indices) are given to the layer as they are and listed in the report. The inputs given
    /// are never written to.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer under test.</param>
    /// <param name="inputs">One tensor per input name of the layer.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An input is missing, unknown, or named like a parameter.</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(IMultiTensorLayer<T> layer, LayerInputs<T> inputs, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(new MultiTensorAdapter<T>(layer, inputs), options, upstream: null);

    /// <summary>
    /// Checks a layer with several named inputs and outputs as <see cref="Layer{T}(IMultiTensorLayer{T}, LayerInputs{T}, GradCheckOptions?)"/>
    /// does, with the upstream gradient given for each output by name (PyTorch's <c>grad_outputs</c>) instead of drawn:
    /// the objective is the sum over the outputs of &lt;upstream, output&gt;. At the last step of an LSTM, the loss
    /// reads <c>h</c> only: <c>new NamedTensors&lt;double&gt; { ["h"] = dh, ["c"] = new Tensor&lt;double&gt;(batch, hidden) }</c>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer under test.</param>
    /// <param name="inputs">One tensor per input name of the layer.</param>
    /// <param name="upstream">dL/d(output) for each output name of the layer, each with its output's shape (zeros for an output the loss does not use).</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">An input or an output's upstream gradient is missing, unknown, or of the wrong shape.</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(IMultiTensorLayer<T> layer, LayerInputs<T> inputs, NamedTensors<T> upstream, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var adapter = new MultiTensorAdapter<T>(layer, inputs);
        return Run(adapter, options, adapter.Upstream(upstream));
    }

    /// <summary>
    /// The course's form: checks that <paramref name="gradient"/> is the gradient of <paramref name="cost"/> at
    /// <paramref name="theta"/>.
    /// </summary>
    /// <param name="cost">J(θ).</param>
    /// <param name="gradient">The claimed dJ/dθ.</param>
    /// <param name="theta">Where to check; it is never written to (the check perturbs a private copy).</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    public static GradientReport Function(
        Func<MathNetVector, double> cost, Func<MathNetVector, MathNetVector> gradient, MathNetVector theta, GradCheckOptions? options = null) =>
        Run(new FunctionLayer(cost, gradient, theta, null), FunctionLayer.Input, options, FunctionLayer.Upstream);

    /// <summary>
    /// The course's form with θ split into named parts (W1, b1, …), each reported on its own row with indices in its
    /// own shape. θ itself is never written to.
    /// </summary>
    /// <param name="cost">J(θ).</param>
    /// <param name="gradient">The claimed dJ/dθ.</param>
    /// <param name="theta">Where to check.</param>
    /// <param name="segments">The parts of θ in order; together they must cover θ exactly.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    public static GradientReport Function(
        Func<MathNetVector, double> cost, Func<MathNetVector, MathNetVector> gradient, MathNetVector theta, IReadOnlyList<ThetaSegment> segments, GradCheckOptions? options = null) =>
        Run(new FunctionLayer(cost, gradient, theta, segments ?? throw new ArgumentNullException(nameof(segments))), FunctionLayer.Input, options, FunctionLayer.Upstream);

    private static GradientReport Run<T>(MultiTensorAdapter<T> adapter, GradCheckOptions? options, Tensor<T>? upstream)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var outcome = CheckRunner.Run(adapter, MultiTensorAdapter<T>.Input, CheckContext.Resolve(options), upstream);
        return CheckContext.Observe(new GradientReport(outcome with
        {
            Constants = adapter.ConstantNames.Zip(adapter.Constants, (n, c) => $"{n} {ShapeMath.Format(c.Shape)}").ToArray(),
            Outputs = adapter.Outputs.ToArray(),
        }));
    }

    private static GradientReport Run<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions? options, Tensor<T>? upstream, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        CheckContext.Observe(new GradientReport(CheckRunner.Run(layer, input, CheckContext.Resolve(options, cancellationToken), upstream)));
}
