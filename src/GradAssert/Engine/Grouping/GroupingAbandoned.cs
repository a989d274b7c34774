namespace GradAssert.Engine;

/// <summary>
/// A group saw the forward fail to repeat itself or drift: grouping is abandoned for the whole tensor, and every element
/// is compared alone, whose checks name what they see exactly as without grouping. It never leaves the engine.
/// </summary>
internal sealed class GroupingAbandoned : Exception
{
    public GroupingAbandoned()
        : base("The forward did not repeat itself in a group; every element is compared alone.")
    {
    }
}
