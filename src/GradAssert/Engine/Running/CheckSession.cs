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

    /// <summary>The storage of every parameter listed frozen anywhere in the check.</summary>
    private readonly HashSet<object> _frozen = [];

    /// <summary>Notes the parameters listed frozen among <paramref name="parameters"/>.</summary>
    public void NoteFrozen(IEnumerable<Parameter<T>> parameters) => _frozen.UnionWith(parameters.Where(p => p.Frozen).Select(p => p.StorageKey));

    /// <summary>
    /// True when <paramref name="parameter"/> is frozen, or its storage is listed frozen elsewhere in the check: freezing
    /// belongs to the storage, not to one Parameter object (<c>Parameters => [W.AsFrozen(), B]</c> makes new ones).
    /// </summary>
    public bool IsFrozen(Parameter<T> parameter) => parameter.Frozen || _frozen.Contains(parameter.StorageKey);
}
