using System.Numerics;
using GradAssert.Engine.Planning;

namespace GradAssert.Engine.Running;

/// <summary>
/// What one check holds while it runs, shared by every layer check inside it instead of a bundle of parameters: its
/// plan, the hidden state it keeps, the snapshot it puts back at the end, what it did not compare, and whom it blames.
/// One per check, never shared with another.
/// </summary>
internal sealed class CheckSession<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <param name="plan">The plan of every row.</param>
    /// <param name="state">The hidden state of the check's layers, put back before every Forward.</param>
    /// <param name="snapshot">Every array the check may touch, put back at the end; its copies serve as the check's own where the bits are the same.</param>
    public CheckSession(CheckPlan plan, StateKeeper<T> state, StateSnapshot<T> snapshot)
    {
        Plan = plan;
        State = state;
        Snapshot = snapshot;
    }

    public CheckPlan Plan { get; }

    /// <summary>The check's options, its seed resolved.</summary>
    public GradCheckOptions Options => Plan.Options;

    public StateKeeper<T> State { get; }

    public StateSnapshot<T> Snapshot { get; }

    /// <summary>What was not compared and why.</summary>
    public Unchecked Unchecked { get; } = new();

    /// <summary>The layers the check blames.</summary>
    public Blame Blame { get; } = new();

    /// <summary>The causes of failing rows that the evidence shows (a loss's batch mean).</summary>
    public List<BatchMean> Causes { get; } = [];

    /// <summary>
    /// Points what the session noted about a row (its cause, a verified-nothing or did-not-run note) at the row that
    /// replaces it: the exact reference judges a compared row anew, and the report finds its notes by the row itself.
    /// </summary>
    public void Replace(TensorCheck before, TensorCheck after)
    {
        if (ReferenceEquals(before, after))
        {
            return;
        }

        for (int k = 0; k < Causes.Count; k++)
        {
            if (ReferenceEquals(Causes[k].Row, before))
            {
                Causes[k] = Causes[k] with { Row = after };
            }
        }

        Unchecked.Replace(before, after);
    }

    /// <summary>The storage of every parameter listed frozen anywhere in the check.</summary>
    private readonly HashSet<object> _frozen = [];

    /// <summary>Every parameter the check lists.</summary>
    private readonly List<Parameter<T>> _listed = [];

    /// <summary>Notes parameters the check lists, and which of them are frozen.</summary>
    public void Note(IEnumerable<Parameter<T>> parameters)
    {
        foreach (var parameter in parameters.Where(p => !_listed.Any(l => ReferenceEquals(l, p))))
        {
            _listed.Add(parameter);
            if (parameter.Frozen)
            {
                _frozen.Add(parameter.StorageKey);
            }
        }
    }

    /// <summary>Whether element <paramref name="index"/> of <paramref name="array"/> lies in the value or gradient storage of a parameter the check lists.</summary>
    public bool Covers(T[] array, int index) =>
        _listed.Any(p => Within(p.Storage?.Region, array, index) || Within(p.Storage?.GradientRegion, array, index)
            || ReferenceEquals(p.Value.Data, array) || ReferenceEquals(p.Gradient.Data, array));

    private static bool Within((T[] Array, int Offset, int Length)? region, T[] array, int index) =>
        region is var (a, offset, length) && ReferenceEquals(a, array) && index >= offset && index < offset + length;

    /// <summary>
    /// True when <paramref name="parameter"/> is frozen, or its storage is listed frozen elsewhere in the check: freezing
    /// belongs to the storage, not to one Parameter object (<c>Parameters => [W.AsFrozen(), B]</c> makes new ones).
    /// </summary>
    public bool IsFrozen(Parameter<T> parameter) => parameter.Frozen || _frozen.Contains(parameter.StorageKey);
}
