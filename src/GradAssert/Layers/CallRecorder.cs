using System.Numerics;

namespace GradAssert;

/// <summary>
/// Notes the sub-layer calls made through <see cref="LayerCalls.Call{T}(ILayer{T}, Tensor{T})"/> while it is active on this async flow: a
/// tree of calls, each with the sub-layer and a copy of the input it received, in the order they ran. The call that is
/// running flows with the calls it makes (an immutable scope, put back when it returns), so sub-layers a Forward runs
/// on several threads at once are each noted under the call that started them.
/// </summary>
internal sealed class CallRecorder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly AsyncLocal<Scope?> Active = new();
    private readonly Lock _gate = new();

    /// <summary>The recorder of this flow, or null when no check is recording.</summary>
    public static CallRecorder<T>? Current => Active.Value?.Recorder;

    /// <summary>The calls the outermost layer made, each with the calls it made in turn.</summary>
    public List<LayerCall<T>> Calls { get; } = [];

    /// <summary>Runs <paramref name="forward"/> with this recorder active.</summary>
    public TResult While<TResult>(Func<TResult> forward)
    {
        var outer = Active.Value;
        Active.Value = new Scope(this, null);
        try
        {
            return forward();
        }
        finally
        {
            Active.Value = outer;
        }
    }

    /// <summary>Runs one sub-layer call, noting it under the call that is running it.</summary>
    public Tensor<T> Record(ILayer<T> layer, Tensor<T> input) => Record(layer, [input], () => layer.Forward(input));

    /// <summary>Runs one call of a sub-layer with several inputs, noting it under the call that is running it.</summary>
    public IReadOnlyList<Tensor<T>> Record(IMultiTensorLayer<T> layer, IReadOnlyList<Tensor<T>> inputs) => Record(layer, inputs, () => layer.Forward(inputs));

    private TResult Record<TResult>(object layer, IReadOnlyList<Tensor<T>> inputs, Func<TResult> forward)
    {
        var scope = Active.Value;
        var call = new LayerCall<T>(layer, inputs.Select(i => i.Clone()).ToArray());
        lock (_gate)
        {
            (scope?.Running?.Calls ?? Calls).Add(call);
        }

        Active.Value = new Scope(this, call);
        try
        {
            return forward();
        }
        finally
        {
            Active.Value = scope;
        }
    }

    /// <summary>The recorder active on a flow, and the call running there (null at the outermost layer).</summary>
    private sealed record Scope(CallRecorder<T> Recorder, LayerCall<T>? Running);
}

/// <summary>One call of a sub-layer during a recorded forward pass.</summary>
/// <param name="Layer">The sub-layer: an <see cref="ILayer{T}"/> or an <see cref="IMultiTensorLayer{T}"/>.</param>
/// <param name="Inputs">Copies of the inputs it received: one for an <see cref="ILayer{T}"/>.</param>
internal sealed record LayerCall<T>(object Layer, IReadOnlyList<Tensor<T>> Inputs) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The calls this sub-layer made in turn.</summary>
    public List<LayerCall<T>> Calls { get; } = [];
}
