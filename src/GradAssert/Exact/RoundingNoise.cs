using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// First-order rounding analysis with the dual type: while a <see cref="Scope"/> is open on a thread, every dual number
/// of dual numbers (<c>Dual&lt;Dual&lt;T&gt;&gt;</c>) made there (every operation's result, every constant) adds to its
/// tangent one rounding of its value: a sum's and a difference's actual rounding, a product's actual rounding of its
/// value and a random one of its tangent, a float eˣ's actual rounding (against double's eˣ), a constant's conversion's
/// (none for 0, 1 or −1; the dual type finds those itself), any other result's with a random sign and size
/// (<see cref="Of{T}"/>). Run a computation at that type with no seeded
/// tangents inside a scope and the tangents of its results are a sample of the rounding error it accumulated in T, each
/// operation's rounding carried to the result by the derivative rules: where a backward cancels (1 − t² with t = tanh
/// 18), the sample shows it. Outside a scope, and at <c>Dual&lt;T&gt;</c> of a plain T always, nothing changes: the
/// exact passes never pay for this.
/// </summary>
internal static class RoundingNoise
{
    [ThreadStatic]
    private static Scope? t_scope;

    /// <summary>True when a scope is open on this thread.</summary>
    public static bool Active => t_scope is not null;

    /// <summary>Opens a scope on this thread, its signs drawn from <paramref name="seed"/>; scopes do not nest.</summary>
    /// <exception cref="InvalidOperationException">A scope is already open on this thread.</exception>
    public static Scope Start(ulong seed)
    {
        if (t_scope is not null)
        {
            throw new InvalidOperationException("A rounding-noise scope is already open on this thread.");
        }

        t_scope = new Scope(seed);
        return t_scope;
    }

    /// <summary>One rounding of <paramref name="value"/> in T, with the scope's next weight (0 outside a scope).</summary>
    public static T Of<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> =>
        t_scope is { } scope && T.IsFinite(value) ? scope.Weight<T>() * T.Abs(value) * Unit<T>.Roundoff : T.Zero;

    /// <summary>An open scope; Dispose closes it.</summary>
    internal sealed class Scope : IDisposable
    {
        private ulong _state;

        internal Scope(ulong seed) => _state = seed | 1;

        /// <summary>Closes the scope.</summary>
        public void Dispose()
        {
            if (ReferenceEquals(t_scope, this))
            {
                t_scope = null;
            }
        }

        /// <summary>
        /// A random sign times a random size between 0.5 and 1.5 (mean 1), from a xorshift stream of the scope's own (no
        /// shared generator). Not ±1 alone: roundings of equal size (the terms of a sum that cancels to 1e-9 of them are
        /// all about as large) then cancel exactly in a third of the samples or more, and a sample of 0 hides a
        /// backward's real rounding (a softmax's a·(dA − Σ dA·a) at a ≈ 1, four roundings of 7.4).
        /// </summary>
        internal T Weight<T>() where T : unmanaged, IFloatingPointIeee754<T>
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            double size = 0.5 + ((_state >> 11) * (1.0 / (1UL << 53)));
            return T.CreateTruncating((_state & 1) == 0 ? size : -size);
        }
    }

    /// <summary>The unit roundoff of T, u = ε/2, decided once per type.</summary>
    private static class Unit<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly T Roundoff = (T.BitIncrement(T.One) - T.One) / (T.One + T.One);
    }
}
