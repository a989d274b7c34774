using System.Globalization;
using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

using static GradAssert.Engine.Evidence.Values;

namespace GradAssert.Engine.Running;

/// <summary>
/// Checks of the layer contract a gradient check relies on. Each failure is a <see cref="LayerContractException"/>
/// whose message names the layer, the tensor and the index, and says in plain words what is wrong.
/// </summary>
internal sealed class ContractProbe<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _label;
    private readonly Parameter<T>[] _parameters;

    /// <param name="parameters">The layer's parameters, as listed before the check.</param>
    public ContractProbe(string label, Parameter<T>[] parameters)
    {
        _label = label;
        _parameters = parameters;
    }

    /// <summary>A clone must have the original's parameters: same names, shapes and bits, in storage of its own.</summary>
    public static void SameParameters(string label, Parameter<T>[] a, Parameter<T>[] b)
    {
        string? problem = a.Length != b.Length ? $"has {b.Length} parameters instead of {a.Length}" : null;
        for (int p = 0; problem is null && p < a.Length; p++)
        {
            if (a[p].Name != b[p].Name || !ShapeMath.SameShape(a[p].Value.Shape, b[p].Value.Shape))
            {
                problem = $"has parameter '{b[p].Name}' {ShapeMath.Format(b[p].Value.Shape)} where the original has '{a[p].Name}' {ShapeMath.Format(a[p].Value.Shape)}";
            }
            else if (ReferenceEquals(a[p].Value.Data, b[p].Value.Data))
            {
                problem = $"shares the storage of parameter '{a[p].Name}' with the original";
            }
            else if (!Values.SameValues(a[p].Value.Data, b[p].Value.Data))
            {
                problem = $"has other values in parameter '{a[p].Name}'";
            }
        }

        if (problem is not null)
        {
            throw Contract.Broken(label, $"Its Clone() {problem}; a clone must be a deep copy for parallel checks.");
        }
    }

    /// <summary>The <c>from</c> of <see cref="Finite"/> for the check's input, checked before anything runs.</summary>
    public const string InputOfTheCheck = "the check's input";

    /// <summary>The <c>from</c> of <see cref="Finite"/> for a parameter's value, checked before anything runs.</summary>
    public const string ParameterBeforeTheCheck = "a parameter before the check";

    public void InputUnchanged(T[] before, Tensor<T> input)
    {
        int i = FirstDifference(before, input.Data);
        if (i >= 0)
        {
            var (was, now) = ShowApart(before[i], input.Data[i]);
            throw Broken(
                $"Forward changed its input: input{Index(input.Shape, i)} was {was} and is {now} afterwards. " +
                "Forward must leave its input as it found it; copy it before changing it.");
        }
    }

    /// <param name="why">What makes Forward give another output, asked only when it does: the hidden state it changed, or its own generator.</param>
    public void Deterministic(Tensor<T> first, Tensor<T> second, Func<string?> why)
    {
        if (!ShapeMath.SameShape(first.Shape, second.Shape))
        {
            throw Broken(
                $"Forward is not deterministic: the same input gave shape {ShapeMath.Format(first.Shape)} and then {ShapeMath.Format(second.Shape)}.");
        }

        int i = FirstDifference(first.Data, second.Data);
        if (i >= 0)
        {
            var (once, then) = ShowApart(first.Data[i], second.Data[i]);
            throw Broken(
                $"Forward is not deterministic: the same input gave output{Index(first.Shape, i)} = {once} and then {then}. " +
                "Finite differences need the same output for the same input" +
                (why() is { } cause ? $". {cause}" : ": fix the random seed of dropout or noise layers, or put them in evaluation mode, for the check."));
        }
    }

    /// <summary>
    /// Throws unless every value of <paramref name="tensor"/> is finite. A non-finite input is the caller's (an
    /// <see cref="ArgumentException"/> naming the input); anything else is the layer's, computed from finite values.
    /// </summary>
    /// <param name="what">What the tensor is, for the message: <c>output</c>, <c>gradient of parameter 'W'</c>.</param>
    /// <param name="name">The name its indices are printed with.</param>
    /// <param name="from">What it was computed from (<c>a finite input</c>), or what it is (<c>the check's input</c>).</param>
    public void Finite(Tensor<T> tensor, string what, string name, string from)
    {
        for (int i = 0; i < tensor.Length; i++)
        {
            T v = tensor.Data[i];
            if (T.IsFinite(v))
            {
                continue;
            }

            string kind = T.IsNaN(v) ? "NaN" : "Inf";
            if (from == InputOfTheCheck)
            {
                throw new ArgumentException(
                    $"The input of layer '{_label}' holds {kind} at {name}{Index(tensor.Shape, i)}: a gradient check needs finite inputs (a layer may pass a NaN on or swallow it, and either way finite differences measure nothing). Fix the test's data.",
                    "input");
            }

            if (from == ParameterBeforeTheCheck)
            {
                throw Broken($"Parameter '{name}' holds {kind} at {name}{Index(tensor.Shape, i)} before the check: a layer's parameters must be finite. Initialise them, or find what wrote the {kind}.");
            }

            string cause = kind == "NaN" ? string.Empty : $" The computation overflowed the range of {Precision.Name<T>()}: scale the values down.";
            throw Broken($"The {what} holds {kind} at {name}{Index(tensor.Shape, i)} (value {Show(v)}), from {from}.{cause} A gradient check needs finite values everywhere.");
        }
    }

    public void GradientShape(Tensor<T> inputGradient, Tensor<T> input)
    {
        if (!ShapeMath.SameShape(inputGradient.Shape, input.Shape))
        {
            throw Broken(
                $"Backward returned an input gradient of shape {ShapeMath.Format(inputGradient.Shape)}, but the input has shape {ShapeMath.Format(input.Shape)}. dL/d(input) must have the input's shape.");
        }
    }

    public void ParametersUnchanged(T[][] valuesBefore)
    {
        var parameters = _parameters;
        for (int p = 0; p < parameters.Length; p++)
        {
            int i = FirstDifference(valuesBefore[p], parameters[p].Value.Data);
            if (i >= 0)
            {
                var parameter = parameters[p];
                var (was, now) = ShowApart(valuesBefore[p][i], parameter.Value.Data[i]);
                throw Broken(
                    $"A forward or backward pass changed {parameter.Described}: {parameter.Name}{Index(parameter.Value.Shape, i)} was {was} and is {now}. " +
                    "Forward must leave parameters as they are and Backward must only write their gradients; apply updates in an optimizer step.");
            }
        }
    }

    /// <summary>After zeroing, Forward and two Backward calls, each parameter gradient must be twice <paramref name="once"/>.</summary>
    public void Accumulates(T[][] once)
    {
        var parameters = _parameters;
        for (int p = 0; p < parameters.Length; p++)
        {
            var twice = once[p].Select(v => v + v).ToArray();
            int i = FirstMismatch(twice, parameters[p].Gradient.Data);
            if (i >= 0)
            {
                var shape = parameters[p].Value.Shape;
                throw Broken(
                    $"Backward does not accumulate into the gradient of '{parameters[p].Name}': after two Backward calls {parameters[p].Name}{Index(shape, i)} holds {Show(parameters[p].Gradient.Data[i])}, " +
                    $"but twice one call's value is {Show(twice[i])}. Add to Parameter.Gradient (+=) instead of assigning it.");
            }
        }
    }

    /// <summary>The contract error for this layer, with <paramref name="message"/> saying what is wrong.</summary>
    public LayerContractException Broken(string message) => Contract.Broken(_label, message);
}
