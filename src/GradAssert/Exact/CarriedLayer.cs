using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// The outcome of carrying a user's layer to <see cref="Dual{T}"/> for a check: the verified dual layer, or why there is
/// none, in one line that names the layer (and the field, where one is to blame).
/// </summary>
/// <param name="Dual">The carried layer, verified on the check's input; null when it does not carry.</param>
/// <param name="Reason">Why it does not carry; null when it does.</param>
internal sealed record CarriedLayer<T>(DualLayer<T>? Dual, string? Reason) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Carries <paramref name="layer"/> and verifies the carried copy against the user's layer on
    /// <paramref name="inputs"/>. The user's layer is left exactly as it was.
    /// </summary>
    /// <param name="layer">An <see cref="ILayer{T}"/> or <see cref="IMultiTensorLayer{T}"/>.</param>
    /// <param name="inputs">The check's inputs, one per input name.</param>
    /// <param name="seed">Seeds the upstream gradient and the tangents of the verification.</param>
    public static CarriedLayer<T> Of(object layer, IReadOnlyList<Tensor<T>> inputs, int seed) =>
        Of(layer, inputs, () => PlainRun<T>.Of(layer, inputs, seed), seed);

    /// <summary>Carries <paramref name="layer"/> and verifies it against what the user's layer already computed, <paramref name="plain"/>.</summary>
    public static CarriedLayer<T> Of(object layer, IReadOnlyList<Tensor<T>> inputs, PlainRun<T> plain, int seed) =>
        Of(layer, inputs, () => plain, seed);

    // The user's layer runs only once its carried copy exists: a layer that does not carry costs no plain pass.
    private static CarriedLayer<T> Of(object layer, IReadOnlyList<Tensor<T>> inputs, Func<PlainRun<T>> plain, int seed)
    {
        var (carried, reason) = DualCarrier<T>.Carry(layer);
        if (carried is null)
        {
            return new CarriedLayer<T>(null, reason);
        }

        var dual = new DualLayer<T>(carried, LayerFields.NameOf<T>(layer));
        return DualVerification.Check(dual, inputs, plain(), seed) is { } refused ? new CarriedLayer<T>(null, refused) : new CarriedLayer<T>(dual, null);
    }
}
