using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Shouldly;

namespace GradAssert.Shouldly;

/// <summary>
/// Gradient checks as Shouldly assertions. A failure throws <see cref="ShouldAssertException"/> with a message in
/// Shouldly's style (what should have been, then what was) followed by the per-layer table.
/// </summary>
[ShouldlyMethods]
[DebuggerStepThrough]
public static class GradientShouldlyExtensions
{
    /// <summary>
    /// Checks <paramref name="layer"/>'s backward pass against finite differences at <paramref name="input"/>, as
    /// <see cref="GradCheck.Layer{T}(ILayer{T}, Tensor{T}, GradCheckOptions?)"/> does, and throws when a gradient is wrong or the layer breaks the contract.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer or model under test.</param>
    /// <param name="input">The input to check at.</param>
    /// <param name="options">Seed, tolerance, step and scheme; the defaults when null.</param>
    /// <param name="customMessage">A line added to the failure message, as Shouldly's "Additional Info".</param>
    /// <param name="layerExpression">The caller's expression for the layer; the compiler fills it in.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="ShouldAssertException">A gradient disagrees with its reference (exact derivatives or finite differences), or the layer breaks the contract.</exception>
    public static GradientReport ShouldPassGradientCheck<T>(
        this ILayer<T> layer,
        Tensor<T> input,
        GradCheckOptions? options = null,
        string? customMessage = null,
        [CallerArgumentExpression(nameof(layer))] string? layerExpression = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Check(Subject(layerExpression, layer.Name), () => GradCheck.Layer(layer, input, options), customMessage);
    }

    /// <summary>
    /// Checks a layer with several named inputs and outputs, as
    /// <see cref="GradCheck.Layer{T}(IMultiTensorLayer{T}, LayerInputs{T}, GradCheckOptions?)"/> does, and throws when a
    /// gradient is wrong or the layer breaks the contract.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="layer">The layer under test.</param>
    /// <param name="inputs">One tensor per input name of the layer; constants are never perturbed.</param>
    /// <param name="options">Seed, tolerance, step and scheme; the defaults when null.</param>
    /// <param name="customMessage">A line added to the failure message, as Shouldly's "Additional Info".</param>
    /// <param name="layerExpression">The caller's expression for the layer; the compiler fills it in.</param>
    /// <returns>The report of the passing check.</returns>
    /// <exception cref="ShouldAssertException">A gradient disagrees with its reference (exact derivatives or finite differences), or the layer breaks the contract.</exception>
    public static GradientReport ShouldPassGradientCheck<T>(
        this IMultiTensorLayer<T> layer,
        LayerInputs<T> inputs,
        GradCheckOptions? options = null,
        string? customMessage = null,
        [CallerArgumentExpression(nameof(layer))] string? layerExpression = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Check(Subject(layerExpression, layer.Name), () => GradCheck.Layer(layer, inputs, options), customMessage);
    }

    /// <summary>Throws when <paramref name="report"/> failed; returns it otherwise.</summary>
    /// <param name="report">The report of a check, for example from <see cref="GradCheck.Layer{T}(ILayer{T}, Tensor{T}, GradCheckOptions?)"/>.</param>
    /// <param name="customMessage">A line added to the failure message, as Shouldly's "Additional Info".</param>
    /// <param name="reportExpression">The caller's expression for the report; the compiler fills it in.</param>
    /// <returns><paramref name="report"/>.</returns>
    /// <exception cref="ShouldAssertException">The report has a failing tensor.</exception>
    public static GradientReport ShouldPass(
        this GradientReport report,
        string? customMessage = null,
        [CallerArgumentExpression(nameof(report))] string? reportExpression = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Passed
            ? report
            : throw new ShouldAssertException(Message(Subject(reportExpression, "report"), Describe(report), customMessage));
    }

    private static GradientReport Check(string subject, Func<GradientReport> check, string? customMessage)
    {
        GradientReport report;
        try
        {
            report = check();
        }
        catch (LayerContractException contract)
        {
            throw new ShouldAssertException(
                Message(subject, "broke the layer contract:\n" + contract.Message.TrimEnd(), customMessage), contract);
        }

        return report.Passed ? report : throw new ShouldAssertException(Message(subject, Describe(report), customMessage));
    }

    private static string Subject(string? expression, string fallback) =>
        string.IsNullOrWhiteSpace(expression) ? fallback : expression.Trim();

    private static string Describe(GradientReport report)
    {
        var failures = report.Failures;
        int layers = failures.Select(f => f.Layer).Distinct().Count();
        string blame = report.Blamed.Count > 0 ? $"; its own backward is wrong in {string.Join(", ", report.Blamed)}" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{failures.Count} {(failures.Count == 1 ? "gradient" : "gradients")} of {layers} {(layers == 1 ? "layer" : "layers")} disagreed with {Against(failures)}{blame}:\n\n{report.ToString().TrimEnd()}");
    }

    // Each row says what judged it (TensorCheck.Reference): "exact (dual numbers)", "exact and differences", "differences…".
    private static string Against(IReadOnlyList<TensorCheck> failures) =>
        failures.All(f => !f.Reference.StartsWith("exact", StringComparison.Ordinal)) ? "finite differences"
        : failures.All(f => f.Reference.StartsWith("exact (", StringComparison.Ordinal)) ? "their exact derivatives"
        : "their exact derivatives or finite differences (see each row's reference)";

    private static string Message(string subject, string but, string? customMessage)
    {
        var text = new StringBuilder();
        text.Append(subject).Append("\n    should pass gradient check but\n").Append(but);
        if (!string.IsNullOrWhiteSpace(customMessage))
        {
            text.Append("\n\nAdditional Info:\n    ").Append(customMessage);
        }

        return text.ToString();
    }
}
