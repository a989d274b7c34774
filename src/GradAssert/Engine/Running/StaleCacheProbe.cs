using System.Numerics;
using GradAssert.Engine.Comparing;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Planning;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// The one home of the stale-cache rule. A layer whose Backward uses a value cached by an earlier Forward gives the
/// gradient of the wrong input; the probe catches it two ways:
/// <list type="number">
/// <item>Forward(x'); Forward(x); Backward must give what Forward(x); Backward gave (<see cref="CheckRepeat"/>).</item>
/// <item>The checker's very first Forward is on x' (the input with its values shuffled), so a cache that keeps its first
/// input gives bit-identical gradients for x' and x although their outputs differ. That alone proves nothing (a
/// gradient may not depend on the input); only when the gradients then fail at x but pass at x' is the layer stale
/// (<see cref="ThrowIfStale"/>), and otherwise its gradient is simply wrong and the report says so.</item>
/// </list>
/// </summary>
internal sealed class StaleCacheProbe<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T> _layer;
    private readonly string _label;
    private readonly ContractProbe<T> _probe;
    private readonly Tensor<T> _other;
    private readonly Tensor<T> _otherOutput;
    private T[][] _otherGradients;
    private Tensor<T>? _otherInputGradient;
    private bool _gradientsIgnoreInput;

    private StaleCacheProbe(ILayer<T> layer, string label, ContractProbe<T> probe, Tensor<T> other, Tensor<T> otherOutput, Gradients<T> otherGradients)
    {
        _layer = layer;
        _label = label;
        _probe = probe;
        _other = other;
        _otherOutput = otherOutput;
        _otherGradients = otherGradients.Parameters;
        _otherInputGradient = otherGradients.Input;
    }

    /// <summary>
    /// Runs the layer on another input first, before anything else touches it. Null when every rearrangement of the
    /// input is the input itself (a single value, all values equal).
    /// </summary>
    /// <param name="upstream">The upstream gradient for an output shape (drawn on first use).</param>
    /// <param name="backward">Zeroes the gradients, runs Backward on the input given and copies what it gave.</param>
    public static StaleCacheProbe<T>? Start(
        ILayer<T> layer, string label, Tensor<T> input, ContractProbe<T> probe, Rng rng, Func<IReadOnlyList<int>, Tensor<T>> upstream, Func<Tensor<T>, string, Gradients<T>> backward)
    {
        var other = Rearranged(input, rng);
        if (other is null)
        {
            return null;
        }

        var otherOutput = LayerAccess.Forward(layer, other, label, During).Clone();
        upstream(otherOutput.Shape);
        return new StaleCacheProbe<T>(layer, label, probe, other, otherOutput, backward(other, During));
    }

    private const string During = "during the stale-cache probe (on the input with its values shuffled)";

    /// <summary>
    /// Forward(x'); Forward(x); Backward must give the gradients <paramref name="atInput"/> that Forward(x); Backward gave,
    /// up to the order of summation.
    /// </summary>
    public void CheckRepeat(Tensor<T> input, Tensor<T> output, Gradients<T> atInput, Func<Tensor<T>, string, Gradients<T>> backward, Parameter<T>[] parameters)
    {
        LayerAccess.Forward(_layer, _other, _label, During);
        LayerAccess.Forward(_layer, input, _label, During);
        var again = backward(input, During);
        for (int p = 0; p < parameters.Length; p++)
        {
            int i = Values.FirstMismatch(atInput.Parameters[p], again.Parameters[p]);
            if (i >= 0)
            {
                throw Repeated(parameters[p].Name, parameters[p].Value.Shape, i, _otherGradients[p], atInput.Parameters[p], again.Parameters[p]);
            }
        }

        if (atInput.Input is not null && again.Input is not null)
        {
            int i = Values.FirstMismatch(atInput.Input.Data, again.Input.Data);
            if (i >= 0)
            {
                throw Repeated("input", atInput.Input.Shape, i, _otherInputGradient?.Data, atInput.Input.Data, again.Input.Data);
            }
        }

        _gradientsIgnoreInput = !Values.SameValues(_otherOutput.Data, output.Data) && SameGradients(atInput);

        // Nothing reads the other input's gradients after this: a copy of every parameter's is not kept through the check.
        (_otherGradients, _otherInputGradient) = ([], null);
    }

    /// <summary>
    /// Throws the stale-cache error when some <paramref name="rows"/> failed, the gradients did not change with the
    /// input, and they are right for the other input.
    /// </summary>
    public void ThrowIfStale(IReadOnlyList<TensorCheck> rows, AnalyticPass<T> pass, Parameter<T>[] parameters, CheckPlan plan, RowRole role, Rng rng)
    {
        if (_gradientsIgnoreInput && rows.Any(r => !r.Passed) && RightForTheOtherInput(pass, parameters, plan, role with { StaleCacheProbe = true }, rng))
        {
            throw _probe.Broken(
                "Backward looks stale: it gave bit-identical gradients after Forward on two different inputs whose outputs differ, and those gradients disagree with finite differences. " +
                "It seems to use a value cached by an earlier Forward; cache the input (or what Backward needs) on every Forward call.");
        }
    }

    private bool RightForTheOtherInput(AnalyticPass<T> pass, Parameter<T>[] parameters, CheckPlan plan, RowRole role, Rng rng)
    {
        var other = _other.Clone();
        var comparer = new TensorComparer<T>(new Objective<T>(pass.Upstream, _otherOutput), pass.Label, CheckScope.Local, rng);
        Evaluator<T>[] On(T[] data) => [new(data, () => _layer.Forward(other))];
        for (int p = 0; p < parameters.Length; p++)
        {
            var value = parameters[p].Value;
            if (!comparer.Compare(plan.Row(pass.Label, parameters[p].Name, value.Length, role), parameters[p].Name, value.Shape, pass.ParameterGradients[p], On(value.Data)).Passed)
            {
                return false;
            }
        }

        return pass.InputGradient is null || comparer.Compare(plan.Row(pass.Label, "input", other.Length, role), "input", other.Shape, pass.InputGradient.Data, On(other.Data)).Passed;
    }

    /// <summary>True when both passes produced gradients and every one of them has the same bits.</summary>
    private bool SameGradients(Gradients<T> atInput)
    {
        if (_otherGradients.Length == 0 && _otherInputGradient is null)
        {
            return false;
        }

        bool inputsAgree = _otherInputGradient is null || atInput.Input is null
            ? _otherInputGradient is null && atInput.Input is null
            : Values.SameValues(_otherInputGradient.Data, atInput.Input.Data);
        return inputsAgree && _otherGradients.Zip(atInput.Parameters).All(pair => Values.SameValues(pair.First, pair.Second));
    }

    /// <summary>
    /// The repeat disagreed. An accumulator the layer never zeroes gives itself away: the repeat added exactly what the
    /// call before it added (a·x + c, with the same c), which a stale cache does not.
    /// </summary>
    private LayerContractException Repeated(string tensor, IReadOnlyList<int> shape, int i, T[]? other, T[] fresh, T[] after)
    {
        string at = $"{tensor}{Values.Index(shape, i)}";
        if (other is not null && AddsTheSameAgain(other, fresh, after))
        {
            return _probe.Broken(
                $"Backward accumulates across calls into a buffer the checker does not zero: after Forward(x) it gave the gradient of {at} as {Values.Show(fresh[i])}, and again after Forward(x'), Forward(x) as {Values.Show(after[i])}, " +
                "each call adding what the one before it added. The checker zeroes Parameter.Gradient before each Backward; a gradient kept anywhere else must be reset too (at the start of Backward, or in Forward).");
        }

        return _probe.Broken(
            $"Backward used a stale cache: after Forward(x) it gave the gradient of {at} as {Values.Show(fresh[i])}, but after Forward(x'), Forward(x) as {Values.Show(after[i])}. " +
            "Backward must use what the latest Forward cached.");
    }

    /// <summary>True when after − fresh equals fresh − other element by element, up to rounding, and is not zero everywhere.</summary>
    private static bool AddsTheSameAgain(T[] other, T[] fresh, T[] after)
    {
        var added = new T[fresh.Length];
        var addedAgain = new T[fresh.Length];
        bool any = false;
        for (int k = 0; k < fresh.Length; k++)
        {
            added[k] = fresh[k] - other[k];
            addedAgain[k] = after[k] - fresh[k];
            any |= addedAgain[k] != T.Zero;
        }

        return any && Values.FirstMismatch(added, addedAgain) < 0;
    }

    /// <summary>The input with its values shuffled: another valid input (indices stay indices), or null if none differs.</summary>
    private static Tensor<T>? Rearranged(Tensor<T> input, Rng rng)
    {
        var data = (T[])input.Data.Clone();
        for (int i = data.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(0, i);
            (data[i], data[j]) = (data[j], data[i]);
        }

        var other = new Tensor<T>(input.Shape.ToArray(), data);
        return Values.SameValues(other.Data, input.Data) ? null : other;
    }
}
