namespace GradAssert.Engine.Running;

/// <summary>
/// Whom a check blames, decided in one place for a single layer, each layer of a model and each sub-layer call of a
/// composite: a layer whose own check proves its backward wrong is blamed, unless it is a composite whose calls were
/// checked alone; then a call is blamed when its own check fails and no call inside it fails, and a composite whose own
/// check fails while every call it made passes is blamed itself, for its own code between its sub-layers (a missing
/// skip-connection gradient, a wrong split or merge).
/// </summary>
internal sealed class Blame
{
    private readonly List<string> _layers = [];
    private readonly List<string> _composites = [];

    /// <summary>The labels of the layers blamed, in the order they were checked.</summary>
    public IReadOnlyList<string> Layers => _layers;

    /// <summary>The blamed labels that are composites, blamed for their own code between their sub-layers.</summary>
    public IReadOnlyList<string> Composites => _composites;

    /// <summary>True when <paramref name="rows"/> prove the layer's own backward wrong.</summary>
    public static bool ProvenWrong(IEnumerable<TensorCheck> rows) => rows.Any(r => r.ProvenWrong);

    /// <summary>A layer checked alone, without calls checked alone: blamed when its rows prove it wrong.</summary>
    public void Layer(string label, IEnumerable<TensorCheck> rows)
    {
        if (ProvenWrong(rows))
        {
            _layers.Add(label);
        }
    }

    /// <summary>A composite whose calls were each checked alone.</summary>
    /// <param name="failed">Whether the composite's own rows prove it wrong.</param>
    /// <param name="calls">Each call's label, whether its own check failed, and whether it is itself a composite.</param>
    /// <param name="within">Whether call k was made, directly or not, by call <c>ancestor</c>.</param>
    public void Composite(string label, bool failed, IReadOnlyList<(string Label, bool Failed, bool Composite)> calls, Func<int, int, bool> within)
    {
        int before = _layers.Count;
        for (int k = 0; k < calls.Count; k++)
        {
            if (calls[k].Failed && !Enumerable.Range(k + 1, calls.Count - k - 1).Any(d => calls[d].Failed && within(d, k)))
            {
                _layers.Add(calls[k].Label);
                if (calls[k].Composite)
                {
                    _composites.Add(calls[k].Label);
                }
            }
        }

        if (failed && _layers.Count == before)
        {
            _layers.Add(label);
            _composites.Add(label);
        }
    }
}
