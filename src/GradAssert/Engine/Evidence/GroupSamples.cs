namespace GradAssert.Engine.Evidence;

/// <summary>Each member's share of the objective's change at one step of a group, and its rounding scale.</summary>
/// <param name="members">The number of members.</param>
internal sealed class GroupSamples(int members)
{
    /// <summary>Per member, the sum of its outputs' terms of <see cref="Objective{T}.Project"/>.</summary>
    public double[] Projection { get; } = new double[members];

    /// <summary>Per member, the rounding scale of <see cref="Projection"/>.</summary>
    public double[] Magnitude { get; } = new double[members];

    /// <summary>Per member, how much its outputs moved (<see cref="Sample.Change"/>).</summary>
    public double[] Change { get; } = new double[members];
}
