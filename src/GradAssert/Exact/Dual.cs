using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GradAssert.Exact;

/// <summary>
/// A dual number a + bε with ε² = 0: a <see cref="Value"/> and its derivative along one seeded direction, the
/// <see cref="Tangent"/>. A layer written once for any <c>T : IFloatingPointIeee754&lt;T&gt;</c> runs unchanged at
/// <c>Dual&lt;T&gt;</c>: seed the tangents of its input (or parameters) with a direction v, and the tangents of its output
/// are J·v, the exact derivative along v in the layer's own arithmetic, with no step. The value parts are what the layer
/// computes at <typeparamref name="T"/>, bit for bit: every member computes its value with T's own member.
/// </summary>
/// <remarks>
/// <para>
/// <b>Derivative rules.</b> Every operator and function carries the textbook rule (d(xy) = x′y + xy′, d sin x = cos x·x′,
/// …). A tangent of zero stays zero: a quantity that does not move along the direction moves nothing computed from it,
/// even where a partial derivative is infinite or undefined (√x at a constant 0 has tangent 0, not NaN). A live tangent
/// through an infinite or undefined derivative gives what T's arithmetic gives (√x at 0 moving: +∞; log at 0: ∞).
/// </para>
/// <para>
/// <b>Kinks and flat functions.</b> Where a function has a kink, the tangent is the slope of the branch the code takes:
/// <see cref="Max"/>, <see cref="Min"/>, <see cref="Clamp"/> and their relatives take T's result and the tangent of the
/// operand holding it (at a tie of equal values, the first operand's; at a bound of <see cref="Clamp"/>, the value's,
/// the slope from inside the range); <see cref="Abs"/> follows the sign bit it clears (slope −1 at −0, +1 at +0).
/// Rounding (<see cref="Round(Dual{T})"/>, <see cref="Floor"/>, <see cref="Ceiling"/>, <see cref="Truncate"/>) is flat:
/// tangent 0.
/// </para>
/// <para>
/// <b>Comparisons and equality</b> look at the value part only, as the layer's code expects of a number: two dual
/// numbers with the same value and different tangents are equal. So do <c>IsNaN</c>, <c>IsFinite</c> and the other
/// classifications.
/// </para>
/// <para>
/// <b>Conversions.</b> Into a dual number from any other number type: that number's value, tangent 0 (a
/// <c>Dual&lt;U&gt;</c> keeps its tangent, converted). Out of a dual number to another number type: the value part. A
/// conversion out to a non-integer type (<c>Math.Tanh(double.CreateChecked(x))</c>) leaves generic math and silently
/// drops a live tangent; GradAssert counts such conversions while it runs a dual pass. A conversion to an integer type
/// drops nothing: truncation is flat.
/// </para>
/// <para>
/// <b>Text.</b> <see cref="ToString()"/>, the format overloads and <c>TryFormat</c> write the value part exactly as T
/// formats it, so text a layer writes is the same at <c>Dual&lt;T&gt;</c> as at T; <c>Parse</c> reads T's text into a
/// constant. <see cref="ToDualString"/> shows both parts, as <c>a + bε</c>.
/// </para>
/// <para>
/// <c>Dual&lt;float&gt;</c> gives float-precision derivatives; <c>Dual&lt;double&gt;</c> double-precision ones.
/// </para>
/// </remarks>
/// <typeparam name="T">The number type of both parts, such as <see cref="float"/> or <see cref="double"/>.</typeparam>
[DebuggerDisplay("{ToDualString(),nq}")]
public readonly partial struct Dual<T> : IFloatingPointIeee754<Dual<T>>, IDualParts
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a + bε from its two parts.</summary>
    /// <param name="value">The value, a.</param>
    /// <param name="tangent">The derivative along the seeded direction, b.</param>
    public Dual(T value, T tangent)
    {
        this = Of(value, tangent);
    }

    /// <summary>Both parts exactly as given.</summary>
    /// <param name="parts">The value and the tangent.</param>
    private Dual((T Value, T Tangent) parts)
    {
        (Value, Tangent) = parts;
    }

    /// <summary>
    /// Every operation's result: its two parts, and, when the parts are themselves dual numbers inside a rounding-noise
    /// scope (GradAssert's own measurement of a backward's rounding, run at <c>Dual&lt;Dual&lt;T&gt;&gt;</c>), one rounding
    /// of the value added to the tangent.
    /// </summary>
    /// <remarks>
    /// Whether T is a dual number is a constant of each instantiation, so at <c>Dual&lt;double&gt;</c> and
    /// <c>Dual&lt;float&gt;</c> the JIT drops the noise path entirely: asking a scope on every operation (a static read and
    /// an out-of-line call) kept the JIT from holding results in registers, and a dual forward of the benchmark's
    /// models took 3 to 6 times a plain one instead of 1.2 to 2.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> Of(T value, T tangent) =>
        Nesting.OfDuals && RoundingNoise.Active ? WithNoise(value, tangent) : new((value, tangent));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Dual<T> WithNoise(T value, T tangent) => new((value, tangent + RoundingNoise.Of(value)));

    /// <summary>
    /// a + b: inside a rounding-noise scope at <c>Dual&lt;Dual&lt;T&gt;&gt;</c>, the sum's actual rounding (two-sum: the
    /// computed sum less the exact one, found exactly in T, for the value and the tangent alike) is added to the tangent,
    /// not a random one. A backward that adds one value many times rounds the same way at each addition, up to n/2
    /// roundings of the sum where random signs show √n; its actual roundings show the lean.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> OfSum(T a, T b, T tangent)
    {
        T sum = a + b;
        return Nesting.OfDuals && RoundingNoise.Active ? WithRounding(sum, tangent, SumRounding(a, b, sum)) : new((sum, tangent));
    }

    /// <summary>a − b: as <see cref="OfSum"/>, with T's own subtraction for the value (bit for bit, NaN payloads too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> OfDifference(T a, T b, T tangent)
    {
        T difference = a - b;
        return Nesting.OfDuals && RoundingNoise.Active ? WithRounding(difference, tangent, SumRounding(a, -b, difference)) : new((difference, tangent));
    }

    /// <summary>
    /// a·b: as <see cref="OfSum"/> for the value (a fused multiply-add gives its rounding exactly); the tangent's rounding
    /// stays a random one, since the multiply-add's tangent recomputes the product's tangent with the same roundings and
    /// would read 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Dual<T> OfProduct(T a, T b, T tangent)
    {
        T product = a * b;
        return Nesting.OfDuals && RoundingNoise.Active ? WithProductRounding(a, b, product, tangent) : new((product, tangent));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Dual<T> WithProductRounding(T a, T b, T product, T tangent)
    {
        T random = RoundingNoise.Of(product);
        T rounding = -T.FusedMultiplyAdd(a, b, -product) + (random - Nesting.ValuePart!(random));
        return new((product, T.IsFinite(rounding) ? tangent + rounding : tangent + random));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Dual<T> WithRounding(T value, T tangent, T rounding) =>
        new((value, T.IsFinite(rounding) ? tangent + rounding : tangent + RoundingNoise.Of(value)));

    /// <summary>The computed sum less the exact a + b (Knuth's two-sum, exact in any binary floating-point type).</summary>
    private static T SumRounding(T a, T b, T sum)
    {
        T aPart = sum - b, bPart = sum - aPart;
        return -((a - aPart) + (b - bPart));
    }

    /// <summary>x with its tangent dropped: the value part alone, as a constant.</summary>
    internal static Dual<T> ValuePartOf(Dual<T> x) => new((x.Value, T.Zero));

    /// <summary>Whether T is itself a dual number, decided once per instantiation (a JIT-time constant once optimized).</summary>
    private static class Nesting
    {
        public static readonly bool OfDuals = typeof(IDualParts).IsAssignableFrom(typeof(T));

        /// <summary>
        /// Whether T is <c>Dual&lt;float&gt;</c>: its values' functions (eˣ) can be computed in double, and so their actual
        /// rounding in float found.
        /// </summary>
        public static readonly bool OverFloat = typeof(T) == typeof(Dual<float>);

        /// <summary>Where T is a dual number, its <c>ValuePartOf</c>; null elsewhere.</summary>
        public static readonly Func<T, T>? ValuePart = OfDuals
            ? typeof(T).GetMethod(nameof(ValuePartOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.CreateDelegate<Func<T, T>>()
            : null;
    }

    /// <summary>The value part: what T's own arithmetic gives.</summary>
    public T Value { get; }

    /// <summary>The tangent part: the derivative of <see cref="Value"/> along the seeded direction.</summary>
    public T Tangent { get; }

    /// <summary>True when the tangent is not zero (a NaN tangent moves too).</summary>
    private bool Moves => !T.IsZero(Tangent);

    /// <summary>A variable seeded along its own axis: tangent 1.</summary>
    /// <param name="value">The value.</param>
    public static Dual<T> Variable(T value) => Of(value, T.One);

    /// <summary>A constant: tangent 0.</summary>
    /// <param name="value">The value.</param>
    public static Dual<T> Constant(T value) => Of(value, T.Zero);

    /// <summary>A constant (tangent 0), so that T literals and values mix with dual numbers.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Dual<T>(T value) => Of(value, T.Zero);

    /// <summary>Both parts, for <c>var (value, tangent) = x;</c>.</summary>
    /// <param name="value">The value part.</param>
    /// <param name="tangent">The tangent part.</param>
    public void Deconstruct(out T value, out T tangent)
    {
        value = Value;
        tangent = Tangent;
    }

    /// <summary>A result whose value does not move with its argument: tangent 0.</summary>
    private static Dual<T> Flat(T value) => Of(value, T.Zero);

    /// <summary>
    /// A constant T holds exactly (0, 1, −1, ±∞): tangent 0 and, in a rounding-noise scope too, no rounding. A random one
    /// there made eˣ − 1 at x near 1e-6 look as though its 1 rounded by 6e-8, 1% of the result.
    /// </summary>
    private static Dual<T> Held(T value) => new((value, T.Zero));

    /// <summary>
    /// A number converted to a constant: inside a rounding-noise scope at <c>Dual&lt;Dual&lt;T&gt;&gt;</c>, the conversion's
    /// actual rounding (the converted value less the source, in double) where the source is a double, a float or an
    /// integer of at most 32 bits, which double holds exactly; a random one for other sources.
    /// </summary>
    private static Dual<T> Converted<TOther>(TOther source, T value)
    {
        if (!(Nesting.OfDuals && RoundingNoise.Active))
        {
            return new((value, T.Zero));
        }

        double exact = (object)source! switch
        {
            double d => d,
            float f => f,
            int i => i,
            short i => i,
            sbyte i => i,
            byte i => i,
            ushort i => i,
            uint i => i,
            _ => double.NaN, // a source double may not hold exactly (a long, a decimal): a random rounding
        };
        double rounding = ((IDualParts)value).PartsAs<double>(Conversion.Truncating).Value - exact;
        if (double.IsFinite(rounding))
        {
            return new((value, T.CreateTruncating(rounding)));
        }

        return Flat(value);
    }

    /// <summary>
    /// One term of a chain rule, tangent·∂: zero when the tangent is zero, whatever the partial derivative is (∞, NaN).
    /// </summary>
    private static T Times(T tangent, T partial) => T.IsZero(tangent) ? T.Zero : tangent * partial;
}
