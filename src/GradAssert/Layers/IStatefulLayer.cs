namespace GradAssert;

/// <summary>
/// A layer with hidden state that its Forward changes (running statistics, an iteration counter, a random generator
/// for dropout masks): the checker captures the state before the check and puts it back before every Forward and at
/// the end, so every evaluation sees the same layer, and the layer is left as it was. A layer that does not implement
/// this can be reset by the test instead, with <see cref="GradCheckOptions.ResetState"/>.
/// </summary>
/// <remarks>Implement it beside <see cref="ILayer{T}"/> or <see cref="IMultiTensorLayer{T}"/>.</remarks>
public interface IStatefulLayer
{
    /// <summary>A copy of the hidden state, which <see cref="RestoreState"/> can put back any number of times.</summary>
    object? CaptureState();

    /// <summary>Puts back a state <see cref="CaptureState"/> returned.</summary>
    /// <param name="state">The captured state.</param>
    void RestoreState(object? state);
}
