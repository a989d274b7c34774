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
}
