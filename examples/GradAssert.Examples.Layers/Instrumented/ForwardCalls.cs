namespace GradAssert.Examples.Layers;

/// <summary>
/// How many times layers wrapped in <see cref="CountingForwards{T}"/> ran Forward, at their own number type and at the
/// dual type of the exact reference. A class, so that a layer carried to the dual type shares it rather than copying it.
/// </summary>
public sealed class ForwardCalls
{
    /// <summary>Forward calls at <see cref="float"/> or <see cref="double"/>.</summary>
    public long Plain { get; internal set; }

    /// <summary>Forward calls at any other type (the exact reference's dual numbers).</summary>
    public long Dual { get; internal set; }
}
