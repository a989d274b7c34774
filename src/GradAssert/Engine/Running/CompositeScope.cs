using System.Numerics;

namespace GradAssert.Engine.Running;

/// <summary>
/// The sub-layer calls a layer makes through <see cref="LayerCalls.Call{T}(ILayer{T}, Tensor{T})"/> during the checker's forward pass on its
/// input: which sub-layers ran, on what input, labelled by path; and which sub-layer owns each parameter, so the
/// layer's own rows name the sub-layer a parameter belongs to.
/// </summary>
internal sealed class CompositeScope<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private List<(string Label, LayerCall<T> Call, int Parent)>? _calls;
    private Dictionary<object, string>? _owners;
    private Dictionary<object, (string Label, string Name)>? _idle;

    /// <param name="prefix">What the sub-layers' labels start with: empty at the top, <c>block#2/</c> inside a model.</param>
    /// <param name="qualifyTensors">
    /// For a composite checked alone inside another: its rows keep its own label and name a sub-layer's parameter by
    /// the sub-layer's path (<c>Dense#1.W</c>), since those sub-layers have rows of their own under their full labels.
    /// </param>
    public CompositeScope(string prefix, bool qualifyTensors = false)
    {
        Prefix = prefix;
        QualifyTensors = qualifyTensors;
    }

    /// <summary>True when rows keep the composite's label and qualify the tensor by the sub-layer's path.</summary>
    public bool QualifyTensors { get; }

    /// <summary>The recorder active during the layer's forward pass on its input.</summary>
    public CallRecorder<T> Recorder { get; } = new();

    /// <summary>What the sub-layers' labels start with.</summary>
    public string Prefix { get; }

    /// <summary>True when the layer called sub-layers through <see cref="LayerCalls.Call{T}(ILayer{T}, Tensor{T})"/>.</summary>
    public bool IsComposite => Recorder.Calls.Count > 0;

    /// <summary>Every call, in the order it ran (a call before the calls it made), with its label and its parent's position.</summary>
    public IReadOnlyList<(string Label, LayerCall<T> Call, int Parent)> Calls => _calls ??= LayerLabels.Calls(Recorder.Calls, Prefix);

    /// <summary>The label of the deepest sub-layer call that lists <paramref name="parameter"/> (the first such call), or null.</summary>
    public string? OwnerOf(Parameter<T> parameter)
    {
        if (_owners is null)
        {
            // By storage, not by object: a layer may list new Parameter objects on every call (W.AsFrozen()).
            _owners = [];
            var owner = new Dictionary<object, int>();
            for (int k = 0; k < Calls.Count; k++)
            {
                foreach (var p in LayerAccess.Parameters(Calls[k].Call, Calls[k].Label))
                {
                    if (!owner.TryGetValue(p.StorageKey, out int current) || IsWithin(k, current))
                    {
                        owner[p.StorageKey] = k;
                        _owners[p.StorageKey] = Calls[k].Label;
                    }
                }
            }
        }

        return _owners.GetValueOrDefault(parameter.StorageKey);
    }

    /// <summary>
    /// For a parameter no call lists: the path of the layer nested in the composite that lists it and made no call during
    /// the forward pass (an expert its router did not pick), labelled like the calls (<c>Experts[1]</c>); null otherwise.
    /// </summary>
    /// <param name="composite">The composite's own objects (the user's layer), whose nested layers are looked through.</param>
    public (string Label, string Name)? IdleOwnerOf(Parameter<T> parameter, IReadOnlyList<object> composite)
    {
        if (!IsComposite || OwnerOf(parameter) is not null)
        {
            return null;
        }

        if (_idle is null)
        {
            _idle = [];
            var called = Calls.Select(c => c.Call.Layer).ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var root in composite)
            {
                foreach (var (path, nested) in LayerFields.NestedLayers<T>(root).Where(n => !called.Contains(n.Layer)))
                {
                    var (listed, name) = nested switch
                    {
                        ILayer<T> single => (LayerAccess.Parameters(single, path), LayerAccess.Name(single)),
                        IMultiTensorLayer<T> multi => (MultiTensorAdapter<T>.OwnParameters(multi, path), LayerAccess.Name(new LayerCall<T>(multi, []))),
                        _ => ([], string.Empty),
                    };
                    foreach (var p in listed)
                    {
                        _idle.TryAdd(p.StorageKey, (Prefix + LayerLabels.Segment(path), name));
                    }
                }
            }
        }

        return _idle.TryGetValue(parameter.StorageKey, out var idle) ? idle : null;
    }

    /// <summary>True when call <paramref name="k"/> was made, directly or not, by call <paramref name="ancestor"/>.</summary>
    public bool IsWithin(int k, int ancestor)
    {
        for (int p = Calls[k].Parent; p >= 0; p = Calls[p].Parent)
        {
            if (p == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
