using System.Numerics;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// Finite differences of many elements at once, verified output by output. The whole group moves by +h and by −h,
/// then, for each of the code's sub-groups (<see cref="ConstantWeightCode"/>), the sub-group by +h and the other members
/// by −h. An output is read back to one member only when, in every one of these evaluations, it has exactly the bits of
/// the whole group's move in the direction that member took, so that the evaluations where it reads +h spell that
/// member's word (an output that moves to the same bits both ways is read with the sub-groups moved by +h and the rest
/// left in place); any other output (a value of neither move, a word of no member) makes the group unverified, and the
/// caller cuts it finer or compares its members alone. A verified member's samples are its own outputs' terms of
/// <see cref="Objective{T}.Project"/>, summed in the same order, so that a member's evidence is bit for bit what it would
/// be alone (<see cref="MeasuredGroup{T}"/>); its further evidence comes from the group moved the same way at other
/// steps (<see cref="GroupEvidence{T}"/>).
/// </summary>
internal sealed class GroupedDifferences<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _plus;
    private readonly T[] _minus;
    private readonly T[] _read; // the output of a sub-group's move, read against _plus and _minus
    private readonly Motion[] _motion;
    private readonly int[] _words;
    private readonly int[] _owners;

    /// <param name="copy">The copy of the tensor to perturb, and its forward.</param>
    /// <param name="analytic">The tensor's analytic gradient.</param>
    /// <param name="label">The tensor, for the message when the layer throws.</param>
    public GroupedDifferences(Stepping stepping, Objective<T> objective, Evaluator<T> copy, T[] analytic, TensorLabel label)
    {
        Stepping = stepping;
        Objective = objective;
        Copy = copy;
        Analytic = analytic;
        Label = label;
        _plus = new T[objective.Length];
        _minus = new T[objective.Length];
        _read = new T[objective.Length];
        _motion = new Motion[objective.Length];
        _words = new int[objective.Length];
        _owners = new int[objective.Length];
    }

    /// <summary>How an output moved with the whole group: by +h, by −h, both, and whether to the same bits both ways.</summary>
    [Flags]
    private enum Motion : byte
    {
        None = 0,
        Up = 1,
        Down = 2,
        Both = Up | Down,
        Same = 4,
    }

    public Stepping Stepping { get; }

    public Objective<T> Objective { get; }

    /// <summary>The copy of the tensor perturbed, and its forward.</summary>
    public Evaluator<T> Copy { get; }

    /// <summary>The tensor's analytic gradient.</summary>
    public T[] Analytic { get; }

    public TensorLabel Label { get; }

    /// <summary>
    /// The group of the elements at tensor offsets <paramref name="members"/> (in increasing order) measured at ±h, or
    /// null when it does not verify: some output was not moved by exactly one member.
    /// </summary>
    public MeasuredGroup<T>? Measure(int[] members)
    {
        var code = ConstantWeightCode.For(members.Length);
        var group = new GroupMembers<T>(members, Copy.Data, Stepping);
        var plus = new GroupSamples(members.Length);
        var minus = new GroupSamples(members.Length);
        Array.Fill(_owners, -1);
        return Measure(group, code, group.Offsets(+1), group.Offsets(-1), plus, minus, moved: null)
            ? new MeasuredGroup<T>(this, group, code, plus, minus)
            : null;
    }

    /// <summary>The whole group's outputs at +h and −h of the latest measurement, copied.</summary>
    internal (T[] Plus, T[] Minus) WholeOutputs() => ((T[])_plus.Clone(), (T[])_minus.Clone());

    /// <summary>
    /// Moves the whole group each way (member j by <paramref name="plus"/>[j], then by <paramref name="minus"/>[j]), then,
    /// for each bit of the code, the members whose word has it by their <paramref name="plus"/> offset and the others by
    /// their <paramref name="minus"/> offset, and reads each output back to the one member whose word it spells. Each
    /// verified output's term is added to <paramref name="measuredPlus"/> or <paramref name="measuredMinus"/> where it
    /// moved, and <paramref name="moved"/> is told (output, member, value).
    /// </summary>
    /// <returns>False when an output does not verify, or is read back to another member than at another step.</returns>
    internal bool Measure(
        GroupMembers<T> group, ConstantWeightCode code, double[] plus, double[] minus, GroupSamples measuredPlus, GroupSamples measuredMinus, Action<int, int, T>? moved)
    {
        if (!Evaluate(group, plus, otherwise: null, bit: -1, code, _plus) || !Evaluate(group, minus, otherwise: null, bit: -1, code, _minus))
        {
            return false;
        }

        if (Classify() is not { } anySame || !ReadWords(group, code, plus, minus))
        {
            return false;
        }

        // An output that moves to the same bits both ways (|x| or x² at x = 0 exactly, the other features of an RMS norm
        // when x is 0) cannot say which way its member moved: its word is read with the sub-groups moved by +h and the
        // others left in place, where it must read the +h value exactly in the sub-groups of one word and rest elsewhere;
        // every other output is held to the same there.
        if (anySame && !ReadAtRest(group, code, plus))
        {
            return false;
        }

        return ReadBack(code, measuredPlus, measuredMinus, moved);
    }

    /// <summary>
    /// How each output moved with the whole group; null when an output that moved left the layer's range (alone, the
    /// element is named), else whether some output moved to the same bits both ways.
    /// </summary>
    private bool? Classify()
    {
        bool anySame = false;
        for (int i = 0; i < Objective.Length; i++)
        {
            var motion = (Objective.Moved(i, _plus[i]) ? Motion.Up : Motion.None) | (Objective.Moved(i, _minus[i]) ? Motion.Down : Motion.None);
            if (motion != Motion.None && (!T.IsFinite(_plus[i]) || !T.IsFinite(_minus[i])))
            {
                return null;
            }

            if (motion != Motion.None && _plus[i].Equals(_minus[i]))
            {
                motion |= Motion.Same;
                anySame = true;
            }

            _motion[i] = motion;
        }

        return anySame;
    }

    /// <summary>
    /// Each sub-group moved by <paramref name="plus"/> and the others by <paramref name="minus"/>: an output that reads
    /// its +h value there has the sub-group's bit in its word; false when an output reads neither move's value (more
    /// than one member moves it).
    /// </summary>
    private bool ReadWords(GroupMembers<T> group, ConstantWeightCode code, double[] plus, double[] minus)
    {
        Array.Clear(_words);
        for (int bit = 0; bit < code.Bits; bit++)
        {
            var mixed = _read;
            if (!Evaluate(group, plus, minus, bit, code, mixed))
            {
                return false;
            }

            for (int i = 0; i < Objective.Length; i++)
            {
                if (_motion[i] is Motion.Up or Motion.Down or Motion.Both && mixed[i].Equals(_plus[i]))
                {
                    _words[i] |= 1 << bit;
                }
                else if (!mixed[i].Equals(_minus[i]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The sub-groups moved by <paramref name="plus"/> one at a time, the other members at rest: the words of the outputs
    /// that moved to the same bits both ways are read there, and every output must read its +h value in the sub-groups of
    /// its word and its unmoved value in the others; false when one does not.
    /// </summary>
    private bool ReadAtRest(GroupMembers<T> group, ConstantWeightCode code, double[] plus)
    {
        for (int bit = 0; bit < code.Bits; bit++)
        {
            var part = _read;
            if (!Evaluate(group, plus, otherwise: null, bit, code, part))
            {
                return false;
            }

            for (int i = 0; i < Objective.Length; i++)
            {
                bool same = (_motion[i] & Motion.Same) != 0;
                bool inBit = same ? part[i].Equals(_plus[i]) : (_words[i] & (1 << bit)) != 0;
                if (same && inBit)
                {
                    _words[i] |= 1 << bit;
                }

                if (!part[i].Equals(inBit ? _plus[i] : Objective.BaseAt(i)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Reads every output that moved back to the member whose word it spells, adding its terms to that member's samples;
    /// false when a word is no member's, or another member's than at an earlier step.
    /// </summary>
    private bool ReadBack(ConstantWeightCode code, GroupSamples measuredPlus, GroupSamples measuredMinus, Action<int, int, T>? moved)
    {
        for (int i = 0; i < Objective.Length; i++)
        {
            bool up1 = (_motion[i] & Motion.Up) != 0, down1 = (_motion[i] & Motion.Down) != 0;
            if (!up1 && !down1)
            {
                continue;
            }

            int owner = code.MemberOf(_words[i]);
            if (owner < 0 || (_owners[i] >= 0 && _owners[i] != owner))
            {
                return false;
            }

            _owners[i] = owner;
            if (up1)
            {
                Objective.Accumulate(i, _plus[i], ref measuredPlus.Projection[owner], ref measuredPlus.Magnitude[owner], ref measuredPlus.Change[owner]);
                moved?.Invoke(i, owner, _plus[i]);
            }

            if (down1)
            {
                Objective.Accumulate(i, _minus[i], ref measuredMinus.Projection[owner], ref measuredMinus.Magnitude[owner], ref measuredMinus.Change[owner]);
                moved?.Invoke(i, owner, _minus[i]);
            }
        }

        return true;
    }

    /// <summary>Whether the whole group moved by <paramref name="offsets"/> again gives <paramref name="earlier"/> bit for bit.</summary>
    internal bool Repeats(GroupMembers<T> group, double[] offsets, T[] earlier)
    {
        var again = _read;
        if (!Evaluate(group, offsets, otherwise: null, bit: -1, code: null, again))
        {
            return false;
        }

        for (int i = 0; i < earlier.Length; i++)
        {
            if (!again[i].Equals(earlier[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The output with the whole group (<paramref name="bit"/> −1) moved by <paramref name="offsets"/>, or one sub-group
    /// moved by <paramref name="offsets"/> and the other members by <paramref name="otherwise"/>, copied into
    /// <paramref name="output"/> before the values are put back: a forward may return the perturbed storage itself (an
    /// identity that returns its input, a reshape over the same array), which reads as unmoved once it is restored.
    /// False when the forward gave no output or one of another size, or wrote into the perturbed storage: alone, each
    /// element's check names what the forward did. What the layer throws is thrown, with the group it was moved by.
    /// </summary>
    private bool Evaluate(GroupMembers<T> group, double[] offsets, double[]? otherwise, int bit, ConstantWeightCode? code, T[] output)
    {
        Stepping.Cancellation.ThrowIfCancellationRequested();
        group.Apply(offsets, otherwise, bit < 0 ? null : code!.Words, bit);
        try
        {
            var y = UserCode.Run(Copy.Evaluate, () => $"Layer '{Label.Layer}' threw from Forward while grouped finite differences had moved {group.Count} elements of {Label.Tensor} at once ({group.Describe(Label)})");
            if (y is null || y.Length != Objective.Length || !group.Intact())
            {
                return false;
            }

            Array.Copy(y.Data, output, output.Length);
            return true;
        }
        finally
        {
            group.Reset();
        }
    }

    /// <summary>
    /// The terms of every member's resolution (<see cref="DerivativeEvidence.Resolution"/>): the group moved by the
    /// same steps each member's own check takes (1, 2, 4, 64 and 1,024 h, at most a tenth of the values, both ways),
    /// each output that moves read back to its member, then per member the sums over its outputs in output order, or
    /// over every output for a member that moved none. Null when a step does not verify.
    /// </summary>
    /// <param name="measured">The whole group's outputs already measured at a signed multiple of h, if any: a step that is
    /// exactly that multiple for every member is read from them (the forward repeats bit for bit) instead of measured again.</param>
    internal GroupResolution? ResolutionTerms(GroupMembers<T> group, ConstantWeightCode code, double valueScale, Func<double, T[]?> measured)
    {
        int count = group.Count, length = Objective.Length;
        var slopes = new double[length];
        var dependent = new int[length];
        Array.Fill(dependent, -1);
        var largest = new double[count];
        double cap = 0.1 * Math.Max(1, valueScale);
        foreach (double multiple in (ReadOnlySpan<double>)[1, 2, 4, 64, 1024])
        {
            var steps = new double[count];
            for (int j = 0; j < count; j++)
            {
                double h = group.Nominal(j);
                steps[j] = Math.Max(h, Math.Min(multiple * h, cap));
                largest[j] = Math.Max(Math.Max(largest[j], h), steps[j]);
            }

            bool exact = Enumerable.Range(0, count).All(j => steps[j] == multiple * group.Nominal(j));
            void Moved(int i, int owner, T value)
            {
                dependent[i] = owner;
                slopes[i] = Math.Max(slopes[i], Math.Abs((double.CreateTruncating(value) - double.CreateTruncating(Objective.BaseAt(i))) / steps[owner]));
            }

            if (exact && measured(multiple) is { Length: > 0 } up && measured(-multiple) is { Length: > 0 } down)
            {
                // Verified when they were measured: each output that moved has its one owner.
                foreach (var whole in (ReadOnlySpan<T[]>)[up, down])
                {
                    for (int i = 0; i < length; i++)
                    {
                        if (Objective.Moved(i, whole[i]))
                        {
                            Moved(i, _owners[i], whole[i]);
                        }
                    }
                }
            }
            else if (!Measure(group, code, steps, [.. steps.Select(step => -step)], new GroupSamples(count), new GroupSamples(count), Moved))
            {
                return null;
            }
        }

        return Sums(count, dependent, slopes, largest);
    }

    /// <summary>Per member, the resolution's sums over the outputs it moved, or over every output for a member that moved none, as alone.</summary>
    private GroupResolution Sums(int count, int[] dependent, double[] slopes, double[] largest)
    {
        int length = Objective.Length;
        var resolved = new GroupResolution(count) { Largest = largest };
        for (int i = 0; i < length; i++)
        {
            if (dependent[i] >= 0)
            {
                int j = dependent[i];
                resolved.Any[j] = true;
                Objective.ResolutionTerms(i, slopes[i], ref resolved.Magnitude[j], ref resolved.Upstream[j], ref resolved.Backward[j]);
                resolved.Floor[j] += Objective.FloorTerm(i);
            }
        }

        double allMagnitude = 0, allUpstream = 0, allBackward = 0, allFloor = 0;
        for (int i = 0; i < length; i++)
        {
            Objective.ResolutionTerms(i, 0, ref allMagnitude, ref allUpstream, ref allBackward);
            allFloor += Objective.FloorTerm(i);
        }

        for (int j = 0; j < count; j++)
        {
            if (!resolved.Any[j])
            {
                (resolved.Magnitude[j], resolved.Upstream[j], resolved.Backward[j], resolved.Floor[j]) = (allMagnitude, allUpstream, allBackward, allFloor);
            }
        }

        return resolved;
    }
}
