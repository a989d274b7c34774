using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

/// <summary>
/// A layer as the engine calls it when some of what it reads lives outside the tensors the engine perturbs: parameters
/// made with <c>Parameter&lt;T&gt;.Over(…)</c> (their storage gets the values before every Forward and Backward, and gives
/// back the gradient after Backward), and hidden state (put back before every Forward). The engine works on the mirrors
/// as on any parameter; every call into the layer sees them.
/// </summary>
internal sealed class SyncedLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _stored;
    private readonly StateKeeper<T> _state;

    private SyncedLayer(ILayer<T> inner, Parameter<T>[] stored, StateKeeper<T> state)
    {
        Inner = inner;
        _stored = stored;
        _state = state;
    }

    /// <summary>The user's layer.</summary>
    public ILayer<T> Inner { get; }

    public string Name => Inner.Name;

    public IReadOnlyList<Parameter<T>> Parameters => Inner.Parameters;

    /// <summary>
    /// <paramref name="layer"/> wrapped when <paramref name="parameters"/> (everything it reads) include stored ones or
    /// <paramref name="state"/> has state to restore; the layer itself otherwise.
    /// </summary>
    public static ILayer<T> Wrap(ILayer<T> layer, IEnumerable<Parameter<T>> parameters, StateKeeper<T> state)
    {
        var stored = Distinct(parameters.Where(p => p.Storage is not null));
        return stored.Length == 0 && !state.Any ? layer : new SyncedLayer<T>(layer, stored, state);
    }

    /// <summary>The user's layer behind <paramref name="layer"/>.</summary>
    public static ILayer<T> Unwrap(ILayer<T> layer) => layer is SyncedLayer<T> synced ? synced.Inner : layer;

    /// <summary>Copies every stored parameter's mirrors into its storage (values and gradient): at the end of a check.</summary>
    public static void PushAll(IEnumerable<Parameter<T>> parameters)
    {
        foreach (var parameter in Distinct(parameters.Where(p => p.Storage is not null)))
        {
            parameter.Storage!.WriteValues(parameter.Value.Data);
            parameter.Storage.WriteGradient(parameter.Gradient.Data);
        }
    }

    /// <summary>
    /// Stored parameters once per storage, the first of each in order: tied parameters over one storage are one tensor,
    /// which the engine perturbs through the first of them. Partly overlapping array regions cannot be told apart and
    /// are refused.
    /// </summary>
    public static Parameter<T>[] Distinct(IEnumerable<Parameter<T>> stored)
    {
        var kept = new List<Parameter<T>>();
        foreach (var parameter in stored)
        {
            if (kept.Any(k => Equals(k.StorageKey, parameter.StorageKey)))
            {
                continue;
            }

            if (parameter.Storage!.Region is var (array, offset, length)
                && kept.FirstOrDefault(k => k.Storage!.Region is var (a, o, l) && ReferenceEquals(a, array) && o < offset + length && offset < o + l) is { } clash)
            {
                var (_, o2, l2) = clash.Storage!.Region!.Value;
                throw new ArgumentException(
                    $"Parameters '{clash.Name}' (elements {o2}..{o2 + l2 - 1} of one array) and '{parameter.Name}' (elements {offset}..{offset + length - 1}) overlap in part: the checker needs parameters over one buffer to be the same region (tied) or apart.",
                    nameof(stored));
            }

            kept.Add(parameter);
        }

        return kept.ToArray();
    }

    public Tensor<T> Forward(Tensor<T> input)
    {
        _state.Restore();
        foreach (var parameter in _stored)
        {
            parameter.Storage!.WriteValues(parameter.Value.Data);
        }

        return Inner.Forward(input);
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        foreach (var parameter in _stored)
        {
            parameter.Storage!.WriteValues(parameter.Value.Data);
            parameter.Storage.WriteGradient(parameter.Gradient.Data);
        }

        var inputGradient = Inner.Backward(outputGradient);
        foreach (var parameter in _stored)
        {
            parameter.Storage!.ReadGradient(parameter.Gradient.Data);
        }

        return inputGradient;
    }
}

/// <summary>
/// The hidden state of the layers of one check: captured once at the start, put back before every Forward and at the
/// end (layers that implement <see cref="IStatefulLayer"/>), plus the test's own <see cref="GradCheckOptions.ResetState"/>.
/// </summary>
internal sealed class StateKeeper<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(IStatefulLayer Layer, object? State)> _captured = [];
    private readonly Action? _reset;

    /// <param name="layers">Every layer of the check; those with state are captured now.</param>
    public StateKeeper(IEnumerable<object> layers, Action? reset)
    {
        _reset = reset;
        foreach (var layer in layers.OfType<IStatefulLayer>().Distinct(ReferenceEqualityComparer.Instance).Cast<IStatefulLayer>())
        {
            _captured.Add((layer, UserCode.Run(layer.CaptureState, () => $"Layer of type {LayerNames.Default(layer.GetType())} threw from CaptureState")));
        }
    }

    /// <summary>True when there is state to put back.</summary>
    public bool Any => _captured.Count > 0 || _reset is not null;

    /// <summary>Puts every captured state back, then calls the test's reset.</summary>
    public void Restore()
    {
        foreach (var (layer, state) in _captured)
        {
            UserCode.Run(() => { layer.RestoreState(state); return 0; }, () => $"Layer of type {LayerNames.Default(layer.GetType())} threw from RestoreState");
        }

        if (_reset is not null)
        {
            UserCode.Run(() => { _reset(); return 0; }, () => "GradCheckOptions.ResetState threw");
        }
    }

    /// <summary>The states that belong to <paramref name="layers"/> only.</summary>
    public StateKeeper<T> For(IEnumerable<object> layers) => new(this, layers.ToHashSet(ReferenceEqualityComparer.Instance));

    private StateKeeper(StateKeeper<T> all, HashSet<object> layers)
    {
        _reset = all._reset;
        _captured.AddRange(all._captured.Where(c => layers.Contains(c.Layer)));
    }
}
