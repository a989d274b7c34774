using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// The exact reference: each element's derivative of the objective ⟨r, y⟩ read from the output tangents of the layer
/// carried to <see cref="Dual{T}"/> (<see cref="CarriedLayer{T}"/>), with no step. Elements whose outputs are disjoint
/// share passes, as grouped differences share evaluations: which elements may share is guessed per axis from a few
/// elements seeded alone (an output depends on the element exactly when a NaN tangent seeded there reaches it), a
/// group of m elements is seeded together once and then so that each output can be read back to its member: by seeds
/// scaled by powers of two, whose exponents spell each member's position (<see cref="OwnersByScaledSeeds"/>), or in
/// ⌈log₂ m⌉ halves by its bits (<see cref="OwnersByHalves"/>), whichever takes fewer passes. An output that does not
/// read as one member's means two members share it, and the group's members are seeded one by one.
/// One group of m elements costs 3 dual passes (up to 256 members in double, 32 in float), or 1 + ⌈log₂ m⌉, instead of m.
/// </summary>
/// <typeparam name="T">The layer's number type.</typeparam>
internal sealed class DualDerivatives<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly DualLayer<T> _dual;
    private readonly IReadOnlyList<Tensor<T>> _inputs;
    private readonly double[] _upstream;
    private readonly IReadOnlyList<Tensor<T>> _upstreamTensors;
    private readonly Dictionary<DualTensor, Reading> _readings = [];
    private BackwardRounding<T>? _rounding;
    private (double[]?[] Inputs, double[][] Parameters)? _noise;

    /// <param name="dual">The layer carried and verified.</param>
    /// <param name="inputs">The check's inputs, at which the derivatives are taken.</param>
    /// <param name="upstream">r: one tensor per output, as the objective ⟨r, y⟩ weighs them.</param>
    public DualDerivatives(DualLayer<T> dual, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<Tensor<T>> upstream)
    {
        _dual = dual;
        _inputs = inputs;
        _upstream = [.. upstream.SelectMany(r => r.Data).Select(double.CreateTruncating)];
        _upstreamTensors = upstream;
    }

    /// <summary>Every element's exact derivative for <paramref name="tensor"/>, grouped unless <paramref name="grouped"/> is false.</summary>
    public ExactDerivatives Of(DualTensor tensor, bool grouped = true)
    {
        var shape = Shape(tensor);
        int length = shape.Aggregate(1, (a, b) => a * b);
        var reading = new Reading(length);
        var groups = grouped ? Colours(tensor, shape, reading) : [.. Enumerable.Range(0, length).Select(i => new[] { i })];
        foreach (var group in groups)
        {
            reading.CurrentGroup++;
            if (!Measure(tensor, group, reading))
            {
                foreach (int member in group)
                {
                    reading.CurrentGroup++;
                    Measure(tensor, [member], reading);
                }
            }
        }

        _readings[tensor] = reading;

        // The backward's own rounding, measured once for every tensor of the check (two dual forwards and backwards).
        _noise ??= Rounding.Gradients(seed: 24);
        var noise = (tensor.IsInput ? _noise.Value.Inputs[tensor.Index] : _noise.Value.Parameters[tensor.Index]) ?? new double[length];
        return new ExactDerivatives(reading.Derivatives, reading.Scale, reading.Passes, groups.Count, Precision.Epsilon<T>() / 2, noise);
    }

    /// <summary>
    /// <paramref name="exact"/> with the rounding of the difference itself measured where the backward's noise alone
    /// would decide: at each element that disagrees with <paramref name="analytic"/> (the worst first) and each that
    /// noise makes loose (<see cref="ExactDerivatives.LooseForItsNoise"/>, the loosest first; of these, the first
    /// <see cref="MeasuredElements"/> in all). The exact side's rounding and the backward's are read from one run
    /// (<see cref="BackwardRounding{T}.Discrepancy"/>), the elements of one group of <see cref="Of"/> seeded together
    /// (their outputs are disjoint), and take the place of the backward's noise there
    /// (<see cref="ExactDerivatives.DifferenceNoise"/>). The backward's noise alone is the cheap proxy: it counts rounding
    /// the two sides share (a layer norm on inputs near 200 moves its mean by a rounding of 200, which moves the
    /// backward and the exact derivative alike, and made a float check allow 3% of the gradient), and, seeding nothing,
    /// it cannot see the exact side's own rounding. Measuring stops at the first group where an element still
    /// disagrees: the row fails whatever the rest show.
    /// </summary>
    public ExactDerivatives Refined(ExactDerivatives exact, DualTensor tensor, T[] analytic)
    {
        var candidates = Enumerable.Range(0, analytic.Length)
            .Select(i => (Index: i, Gradient: double.CreateTruncating(analytic[i])))
            .Select(e => (
                e.Index,
                Disagrees: !exact.Agrees(e.Index, e.Gradient),
                Loose: exact.LooseForItsNoise(e.Index, e.Gradient),
                Allowance: exact.Allowance(e.Index, e.Gradient),
                Difference: Math.Abs(e.Gradient - exact.Derivatives[e.Index])))
            .Where(e => e.Disagrees || e.Loose)
            .OrderByDescending(e => e.Disagrees)
            .ThenByDescending(e => (e.Disagrees ? e.Difference : exact.BackwardNoise[e.Index]) / e.Allowance)
            .Where((e, rank) => e.Disagrees || rank < MeasuredElements)
            .ToList();
        if (candidates.Count == 0 || !_readings.TryGetValue(tensor, out var reading))
        {
            return exact;
        }

        var measured = Enumerable.Repeat(double.NaN, analytic.Length).ToArray();
        var refined = exact with { DifferenceNoise = measured };
        foreach (var group in candidates.GroupBy(e => reading.Group[e.Index]))
        {
            int[] members = [.. group.Select(e => e.Index)];
            var noise = Rounding.Discrepancy(tensor, members, [.. members.Select(i => reading.Outputs[i])], seed: 24);
            for (int k = 0; k < members.Length; k++)
            {
                measured[members[k]] = noise[k];
            }

            if (members.Any(i => !refined.Agrees(i, double.CreateTruncating(analytic[i]))))
            {
                break;
            }
        }

        return refined;
    }

    /// <summary>
    /// <paramref name="exact"/> with the comparison along the exact gradient's own direction (<see cref="ExactDirection"/>)
    /// when every element agrees with <paramref name="analytic"/>: one dual pass seeding every element with its exact
    /// derivative over the largest (times a random factor from 0.5 to 1.5), and, where the two differ by more than
    /// <see cref="ExactDerivatives.Roundings"/> roundings of either side (a rounding shared by every element and missed
    /// by a sample counts at most that) and the elements' own floor for rounding below the normal range, the rounding of
    /// the difference along it measured in one run per sample (<see cref="BackwardRounding{T}.Along"/>),
    /// <see cref="ExactDerivatives.MeasuredNoiseFactor"/> times of which are allowed on top. Both sides are summed in
    /// double as if in twice its precision (<see cref="CompensatedDot"/>): a plain sum over thousands of elements rounds
    /// as much as a double layer does.
    /// </summary>
    public ExactDerivatives AlongItself(ExactDerivatives exact, DualTensor tensor, T[] analytic)
    {
        double largest = exact.Derivatives.Max(Math.Abs);
        if (!(largest > 0) || double.IsInfinity(largest) || Enumerable.Range(0, analytic.Length).Any(i => !exact.Agrees(i, double.CreateTruncating(analytic[i]))))
        {
            return exact;
        }

        // Each component jittered by a random factor from 0.5 to 1.5: where the exact gradient is constant along an axis
        // the forward reduces (a mean over 4,096 features), the dual pass would sum 4,096 copies of one value, whose
        // roundings in float all lean one way (1.3e-5 of the sum, twice what a sample of random roundings allowed: a
        // correct float mean failed 1 in 10). Values of random low bits round without a lean, as the sample assumes.
        var jitter = new Rng(JitterSeed);
        var direction = exact.Derivatives.Select(e => T.CreateTruncating(e / largest * (0.5 + jitter.NextDouble()))).ToArray();
        var tangents = Pass(tensor, [.. Enumerable.Range(0, analytic.Length)], new Reading(0), k => direction[k]); // its pass is counted below
        CompensatedDot along = default, backward = default;
        for (int o = 0; o < tangents.Length; o++)
        {
            along.Add(_upstream[o], tangents[o]);
        }

        for (int i = 0; i < analytic.Length; i++)
        {
            backward.Add(double.CreateTruncating(direction[i]), double.CreateTruncating(analytic[i]));
        }

        // Below T's normal range rounding is absolute, and the sample, relative to each value, does not see it: the
        // floor each element's allowance has for it, on both sides, weighted by the direction.
        double subnormal = 2 * ExactDerivatives.Roundings * exact.Subnormal * direction.Sum(v => Math.Abs(double.CreateTruncating(v)));
        double floor = (ExactDerivatives.Roundings * exact.Epsilon * (Math.Abs(along.Value) + Math.Abs(backward.Value))) + subnormal;

        // Values near the type's range can overflow along the direction (products of 1e300): no comparison then, as no
        // comparison is made where an element's exact derivative is not finite.
        if (!double.IsFinite(floor) || !double.IsFinite(along.Value) || !double.IsFinite(backward.Value))
        {
            return exact with { Passes = exact.Passes + 1 };
        }

        // Within the floor the two agree whatever the measured rounding adds: it is measured only beyond it.
        bool measure = Math.Abs(along.Value - backward.Value) > floor;
        double allowance = floor;
        if (measure)
        {
            _noise ??= Rounding.Gradients(seed: 24); // the draws whose Backward the direction's Forwards reuse
            allowance += ExactDerivatives.MeasuredNoiseFactor * Rounding.Along(tensor, direction);
        }

        return exact with { Passes = exact.Passes + 1, Direction = new ExactDirection(backward.Value, along.Value, allowance, measure) };
    }

    /// <summary>The seed of <see cref="AlongItself"/>'s jitter: fixed, so that a check repeats.</summary>
    private const ulong JitterSeed = 0x5EED_A10E;

    /// <summary>
    /// How many elements of one tensor <see cref="Refined"/> measures at most because their allowance is loose (each
    /// group of them costs four passes at the nested type); the rest keep the backward's noise. Elements that disagree
    /// are all measured, until one still does.
    /// </summary>
    public const int MeasuredElements = 64;

    private BackwardRounding<T> Rounding => _rounding ??= BackwardRounding<T>.Carry(_dual, _inputs, _upstreamTensors);

    /// <summary>
    /// Seeds <paramref name="members"/> together, then so as to tell which member moved each output
    /// (<see cref="OwnersByScaledSeeds"/> or <see cref="OwnersByHalves"/>, whichever takes fewer passes); false when
    /// some output belongs to more than one.
    /// </summary>
    private bool Measure(DualTensor tensor, int[] members, Reading reading)
    {
        var full = Pass(tensor, members, reading);
        if (members.Length == 1)
        {
            reading.Add(members[0], full, _upstream);
            return true;
        }

        int bits = BitOperations.Log2((uint)members.Length - 1) + 1, digitBits = DigitBits;
        var owner = 2 * ((bits + digitBits - 1) / digitBits) < bits
            ? OwnersByScaledSeeds(tensor, members, full, reading, bits, digitBits)
            : OwnersByHalves(tensor, members, full, reading, bits);
        if (owner is null)
        {
            return false;
        }

        // Each member's outputs, in output order: a list per member, not a tangent per output per member, which cost a
        // group of m members m times the outputs in memory and time (9 MB for each of the 27 groups of a convolution's
        // input in the benchmark, most of the exact reference's time).
        var owned = members.Select(_ => new List<int>()).ToArray();
        for (int o = 0; o < full.Length; o++)
        {
            if (full[o] != 0)
            {
                if (owner[o] >= members.Length)
                {
                    return false;
                }

                owned[owner[o]].Add(o);
            }
        }

        for (int j = 0; j < members.Length; j++)
        {
            reading.Add(members[j], owned[j], full, _upstream);
        }

        return true;
    }

    /// <summary>
    /// Each output's owner, its member's position spelled bit by bit: one pass per bit, seeding the members whose
    /// position has it. An output must read, in every pass, exactly its tangent <paramref name="full"/> with the whole
    /// group or exactly zero; null where one does not.
    /// </summary>
    private int[]? OwnersByHalves(DualTensor tensor, int[] members, double[] full, Reading reading, int bits)
    {
        var owner = new int[full.Length];
        for (int bit = 0; bit < bits; bit++)
        {
            var part = Pass(tensor, [.. members.Where((_, j) => ((j >> bit) & 1) == 1)], reading);
            for (int o = 0; o < full.Length; o++)
            {
                if (full[o] != 0 && part[o] == full[o])
                {
                    owner[o] |= 1 << bit;
                }
                else if (part[o] != 0 || double.IsNaN(full[o]))
                {
                    return null;
                }
            }
        }

        return owner;
    }

    /// <summary>
    /// Each output's owner, its member's position spelled in digits of <paramref name="digitBits"/> bits: two passes per
    /// digit, one seeding each member with 2^d for its digit d, one with 2^(D − d) for the largest digit D. Tangents are
    /// linear in the seeds and a power of two scales every rounding exactly, so an output one member moves reads exactly
    /// <paramref name="full"/> times 2^d and 2^(D − d); null where one does not. Two members sharing an output cannot
    /// read so in both passes (their tangents a and b would need a(2^p − 2^d) = b(2^d − 2^q) and
    /// a(2^−p − 2^−d) = b(2^−d − 2^−q), which hold together only for p = q), and a seed too large for the type overflows
    /// and reads as shared: the group is then seeded member by member, as where halves find an output shared.
    /// A group of up to 2^digitBits members costs 3 passes where halves take 1 + ⌈log₂ m⌉.
    /// </summary>
    private int[]? OwnersByScaledSeeds(DualTensor tensor, int[] members, double[] full, Reading reading, int bits, int digitBits)
    {
        int largest = (1 << digitBits) - 1;
        var owner = new int[full.Length];
        for (int shift = 0; shift < bits; shift += digitBits)
        {
            int Digit(int j) => (j >> shift) & largest;
            var up = Pass(tensor, members, reading, j => T.ScaleB(T.One, Digit(j)));
            var down = Pass(tensor, members, reading, j => T.ScaleB(T.One, largest - Digit(j)));
            for (int o = 0; o < full.Length; o++)
            {
                if (full[o] == 0)
                {
                    if (up[o] != 0 || down[o] != 0)
                    {
                        return null;
                    }

                    continue;
                }

                int digit = Math.ILogB(up[o] / full[o]);
                if (digit < 0 || digit > largest || Math.ScaleB(full[o], digit) != up[o] || Math.ScaleB(full[o], largest - digit) != down[o])
                {
                    return null;
                }

                owner[o] |= digit << shift;
            }
        }

        return owner;
    }

    /// <summary>
    /// The bits of one digit of <see cref="OwnersByScaledSeeds"/>: seeds up to 2^255 in double, 2^31 in float, far inside
    /// either type's range for the tangents of any layer worth checking (a tangent above 1e53 in double, 1e29 in float,
    /// would overflow and send the group member by member).
    /// </summary>
    private static int DigitBits => Precision.Epsilon<T>() < 1e-10 ? 8 : 5;

    /// <summary>
    /// Groups of elements that may share passes: elements whose coordinates agree modulo each axis' separation, the
    /// separation being one more than the farthest distance at which two of a few elements seeded alone along a line
    /// through the middle of the tensor move a common output (the whole axis when they interact at the probe's edge).
    /// </summary>
    private List<int[]> Colours(DualTensor tensor, int[] shape, Reading reading)
    {
        const int Reach = 6;
        int rank = shape.Length;
        var strides = new int[rank];
        for (int d = rank - 1, stride = 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }

        int middle = Enumerable.Range(0, rank).Sum(d => shape[d] / 2 * strides[d]);
        var separations = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int size = shape[d], span = Math.Min(size, Reach + 1);
            int start = Math.Clamp((size / 2) - (span / 2), 0, size - span);
            int line = middle - (size / 2 * strides[d]) + (start * strides[d]);
            // Seeded with a NaN tangent, which no operation can cancel: a tangent of 1 can round away on the way (a
            // log-sum-exp's 1 − 1 + 5e-21 reads 0), and an element whose outputs seem untouched would then share a
            // group, and a pass, with one that moves them.
            var moved = Enumerable.Range(0, span)
                .Select(t => Pass(tensor, [line + (t * strides[d])], reading, _ => T.NaN).Select((v, o) => (v, o)).Where(p => p.v != 0).Select(p => p.o).ToHashSet())
                .ToArray();
            int farthest = 0;
            for (int a = 0; a < span; a++)
            {
                for (int b = a + 1; b < span; b++)
                {
                    if (b - a > farthest && moved[a].Overlaps(moved[b]))
                    {
                        farthest = b - a;
                    }
                }
            }

            separations[d] = farthest == span - 1 && span < size ? size : farthest + 1;
        }

        var groups = new Dictionary<int, List<int>>();
        int length = shape.Aggregate(1, (a, b) => a * b);
        for (int i = 0; i < length; i++)
        {
            int key = 0;
            for (int d = 0; d < rank; d++)
            {
                key = (key * separations[d]) + (i / strides[d] % shape[d] % separations[d]);
            }

            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
            }

            members.Add(i);
        }

        return [.. groups.Values.Select(g => g.ToArray())];
    }

    /// <summary>
    /// One dual forward with <paramref name="seeded"/> moving at tangent 1 (or at <paramref name="tangent"/> of each one's
    /// position in <paramref name="seeded"/>) and everything else still: the outputs' tangents, flattened.
    /// </summary>
    private double[] Pass(DualTensor tensor, int[] seeded, Reading reading, Func<int, T>? tangent = null)
    {
        reading.Passes++;
        _dual.Reset();
        var inputs = _inputs.Select(x => new Tensor<Dual<T>>([.. x.Shape], [.. x.Data.Select(v => new Dual<T>(v, T.Zero))])).ToArray();
        var moving = tensor.IsInput ? inputs[tensor.Index].Data : _dual.Parameters[tensor.Index].Value.Data;
        for (int k = 0; k < seeded.Length; k++)
        {
            moving[seeded[k]] = new Dual<T>(moving[seeded[k]].Value, tangent?.Invoke(k) ?? T.One);
        }

        try
        {
            return [.. _dual.Form.Forward(inputs).SelectMany(y => y.Data).Select(y => double.CreateTruncating(y.Tangent))];
        }
        finally
        {
            _dual.ClearTangents();
        }
    }

    private int[] Shape(DualTensor tensor) =>
        [.. tensor.IsInput ? _inputs[tensor.Index].Shape : _dual.Parameters[tensor.Index].Value.Shape];

    /// <summary>The derivatives and scales read so far, and the passes run.</summary>
    private sealed class Reading(int length)
    {
        public double[] Derivatives { get; } = new double[length];

        public double[] Scale { get; } = new double[length];

        public int Passes { get; set; }

        /// <summary>For each element, the group it was read with: elements of one group own disjoint outputs.</summary>
        public int[] Group { get; } = new int[length];

        /// <summary>For each element, the outputs whose tangent it moved.</summary>
        public int[][] Outputs { get; } = new int[length][];

        /// <summary>The group that <c>Add</c> assigns; <see cref="Of"/> moves it on before each group is seeded.</summary>
        public int CurrentGroup { get; set; }

        /// <summary>Element <paramref name="i"/>'s derivative: Σ_o r_o·t_o over its outputs' tangents, in output order.</summary>
        public void Add(int i, double[] tangents, double[] upstream) =>
            Add(i, [.. Enumerable.Range(0, tangents.Length).Where(o => tangents[o] != 0)], tangents, upstream);

        /// <summary>
        /// The same, over the outputs <paramref name="outputs"/> that element <paramref name="i"/> moved (ascending), read
        /// from <paramref name="tangents"/>: the terms of the outputs it did not move are zeros, which change no sum.
        /// </summary>
        public void Add(int i, IReadOnlyList<int> outputs, double[] tangents, double[] upstream)
        {
            double sum = 0, scale = 0;
            foreach (int o in outputs)
            {
                double term = upstream[o] * tangents[o];
                sum += term;
                scale += Math.Abs(term);
            }

            (Derivatives[i], Scale[i], Group[i], Outputs[i]) = (sum, scale, CurrentGroup, [.. outputs]);
        }
    }
}
