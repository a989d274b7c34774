using System.Numerics;

namespace GradAssert.Engine.Evidence;

/// <summary>How a row's finite differences step: the step rule, the stencil, and the token that stops them.</summary>
/// <param name="Step">The step rule (<see cref="StepSize"/>).</param>
/// <param name="Scheme">The stencil.</param>
/// <param name="Cancellation">Looked at before every evaluation of the layer.</param>
internal sealed record Stepping(StepSize Step, DifferenceScheme Scheme, CancellationToken Cancellation)
{
    /// <summary>The step for a value of magnitude <paramref name="x"/> of a layer computing in <typeparamref name="T"/>.</summary>
    public double For<T>(double x) where T : unmanaged, IFloatingPointIeee754<T> => Step.For(x, Scheme, Precision.Epsilon<T>());
}
