namespace GradAssert.Engine.Evidence;

/// <summary>
/// Per member of a group: whether any output moved at the resolution's steps, the largest step taken, and the sums the
/// resolution (<see cref="DerivativeEvidence.Resolution"/>) and a Taylor test's floors are made of.
/// </summary>
/// <param name="members">The number of members.</param>
internal sealed class GroupResolution(int members)
{
    public bool[] Any { get; } = new bool[members];

    public double[] Largest { get; init; } = new double[members];

    public double[] Magnitude { get; } = new double[members];

    public double[] Upstream { get; } = new double[members];

    public double[] Backward { get; } = new double[members];

    /// <summary>The Taylor test's floor sum (<see cref="Objective{T}.FloorMagnitude"/>).</summary>
    public double[] Floor { get; } = new double[members];
}
