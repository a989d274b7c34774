using System.Numerics;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert;

/// <summary>
/// Gradient checks for tests: they return the report when every gradient is right and throw
/// <see cref="GradientCheckException"/>, whose message is the per-layer table, when one is not.
/// </summary>
public static class GradientAssert
{
    /// <summary>Checks <paramref name="layer"/>'s backward pass as <see cref="GradCheck.Layer{T}(ILayer{T}, Tensor{T}, GradCheckOptions?)"/> does, and throws when it is wrong.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer or model under test.</param>
    /// <param name="input">The input to check at.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="GradientCheckException">A gradient disagrees with its reference (exact derivatives or finite differences).</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ThrowIfFailed(GradCheck.Layer(layer, input, options));

    /// <summary>
    /// Checks <paramref name="layer"/>'s backward pass as <see cref="GradCheck.Layer{T}(ILayer{T}, Tensor{T}, GradCheckOptions?, CancellationToken)"/>
    /// does, stopped by <paramref name="cancellationToken"/> within one forward pass with everything restored, and throws when it is wrong.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer or model under test.</param>
    /// <param name="input">The input to check at.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="GradientCheckException">A gradient disagrees with its reference (exact derivatives or finite differences).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions? options, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ThrowIfFailed(GradCheck.Layer(layer, input, options, cancellationToken));

    /// <summary>Checks <paramref name="layer"/> with the upstream gradient given, and throws when a gradient is wrong.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer or model under test.</param>
    /// <param name="input">The input to check at.</param>
    /// <param name="upstream">dL/d(output), with the output's shape.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="GradientCheckException">A gradient disagrees with its reference (exact derivatives or finite differences).</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(ILayer<T> layer, Tensor<T> input, Tensor<T> upstream, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ThrowIfFailed(GradCheck.Layer(layer, input, upstream, options));

    /// <summary>Checks a layer with several named inputs and outputs, and throws when a gradient is wrong.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer under test.</param>
    /// <param name="inputs">One tensor per input name of the layer; constants are never perturbed.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="GradientCheckException">A gradient disagrees with its reference (exact derivatives or finite differences).</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(IMultiTensorLayer<T> layer, LayerInputs<T> inputs, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ThrowIfFailed(GradCheck.Layer(layer, inputs, options));

    /// <summary>Checks a layer with several named inputs and outputs, with the upstream gradient given per output by name, and throws when a gradient is wrong.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer under test.</param>
    /// <param name="inputs">One tensor per input name of the layer; constants are never perturbed.</param>
    /// <param name="upstream">dL/d(output) for each output name of the layer, each with its output's shape.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="GradientCheckException">A gradient disagrees with its reference (exact derivatives or finite differences).</exception>
    /// <exception cref="LayerContractException">The layer breaks the contract a check relies on.</exception>
    public static GradientReport Layer<T>(IMultiTensorLayer<T> layer, LayerInputs<T> inputs, NamedTensors<T> upstream, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ThrowIfFailed(GradCheck.Layer(layer, inputs, upstream, options));

    /// <summary>Checks a cost and its claimed gradient as <c>GradCheck.Function</c> does, and throws when it is wrong.</summary>
    /// <param name="cost">J(θ).</param>
    /// <param name="gradient">The claimed dJ/dθ.</param>
    /// <param name="theta">Where to check.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="GradientCheckException">The gradient disagrees with its reference (exact derivatives or finite differences).</exception>
    public static GradientReport Function(
        Func<MathNetVector, double> cost, Func<MathNetVector, MathNetVector> gradient, MathNetVector theta, GradCheckOptions? options = null) =>
        ThrowIfFailed(GradCheck.Function(cost, gradient, theta, options));

    /// <summary>Checks a cost and its claimed gradient with θ split into named parts, and throws when it is wrong.</summary>
    /// <param name="cost">J(θ).</param>
    /// <param name="gradient">The claimed dJ/dθ.</param>
    /// <param name="theta">Where to check.</param>
    /// <param name="segments">The parts of θ in order; together they must cover θ exactly.</param>
    /// <param name="options">Seed, tolerance, step and scheme; <see cref="GradCheckOptions.Default"/> when null.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="GradientCheckException">The gradient disagrees with its reference (exact derivatives or finite differences).</exception>
    public static GradientReport Function(
        Func<MathNetVector, double> cost, Func<MathNetVector, MathNetVector> gradient, MathNetVector theta, IReadOnlyList<ThetaSegment> segments, GradCheckOptions? options = null) =>
        ThrowIfFailed(GradCheck.Function(cost, gradient, theta, segments, options));

    private static GradientReport ThrowIfFailed(GradientReport report) =>
        report.Passed ? report : throw new GradientCheckException(report);
}
