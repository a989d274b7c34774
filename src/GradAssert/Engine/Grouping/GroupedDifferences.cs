using System.Numerics;

namespace GradAssert.Engine;

/// <summary>
/// The first opinion (±h) of every member of a group from a few evaluations, verified output by output. The whole group
/// moves by +h and by −h, then, for each of the code's sub-groups (<see cref="ConstantWeightCode"/>), the sub-group by
/// +h and the other members by −h. An output is read back to one member only when, in every one of these evaluations,
/// it has exactly the bits of the whole group's move in the direction that member took, so that the evaluations where
/// it reads +h spell that member's word (an output that moves to the same bits both ways is read with the sub-groups
/// moved by +h and the rest left in place); any other output (a value of neither move, a word of no member) makes the
/// group unverified, and the caller cuts it finer or compares its members alone. A verified
/// member's samples are its own outputs' terms of <see cref="Objective{T}.Project"/>, summed in the same order; its
/// tolerance judges them on evidence that holds nothing more (<see cref="FirstOpinionOnly"/>), so a member that needs a
/// second opinion is compared alone. When many members of a group need one (a wide layer's ~1% whose rounding the first
/// opinion underestimates), their second and third opinions come from the group too (<see cref="GroupEvidence"/>): the
/// group moved by ±2h and ±4h, verified the same way, every sample repeated bit for bit and the unperturbed output
/// re-checked; and when many of them get the Taylor test as a second opinion, its smaller steps (h/2 down to h/64) and
/// its floors too. Anything else they ask for, they get alone.
/// </summary>
internal sealed class GroupedDifferences<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GradCheckOptions _options;
    private readonly Objective<T> _objective;
    private readonly Evaluator<T> _copy;
    private readonly T[] _analytic;
    private readonly double _analyticScale;
    private readonly double _valueScale;
    private readonly DerivativeEvidence _firstOnly;
    private readonly T[] _plus;
    private readonly T[] _minus;
    private readonly T[] _read; // the output of a sub-group's move, read against _plus and _minus
    private readonly Motion[] _motion;
    private readonly int[] _words;
    private readonly int[] _owners;

    /// <param name="copy">The copy of the tensor to perturb, and its forward.</param>
    /// <param name="analytic">The tensor's analytic gradient.</param>
    /// <param name="analyticScale">The tensor's largest |g|.</param>
    /// <param name="valueScale">The tensor's largest |value|.</param>
    public GroupedDifferences(GradCheckOptions options, Objective<T> objective, Evaluator<T> copy, T[] analytic, double analyticScale, double valueScale)
    {
        _options = options;
        _objective = objective;
        _copy = copy;
        _analytic = analytic;
        _analyticScale = analyticScale;
        _valueScale = valueScale;
        _firstOnly = new DerivativeEvidence(new FirstOpinionOnly(), Precision.Epsilon<T>()) { SecondOpinion = options.SecondOpinion };
        _plus = new T[objective.Length];
        _minus = new T[objective.Length];
        _read = new T[objective.Length];
        _motion = new Motion[objective.Length];
        _words = new int[objective.Length];
        _owners = new int[objective.Length];
    }

    /// <summary>
    /// The members' outcomes where their first opinion decides (null where a member must be compared alone), or null
    /// when the group did not verify: some output was not moved by exactly one member.
    /// </summary>
    /// <param name="members">Tensor offsets, in increasing order.</param>
    public ElementOutcome?[]? Compare(int[] members)
    {
        var code = ConstantWeightCode.For(members.Length);
        var group = new Members(members, _copy.Data, _options);
        var plus = new Measured(members.Length);
        var minus = new Measured(members.Length);
        Array.Fill(_owners, -1);
        if (!Measure(group, code, group.Offsets(+1), group.Offsets(-1), plus, minus, moved: null))
        {
            return null;
        }

        var outcomes = new ElementOutcome?[members.Length];
        var needMore = new List<int>();
        for (int j = 0; j < members.Length; j++)
        {
            if (group.Step(j, +1) == 0 || group.Step(j, -1) == 0)
            {
                continue; // alone, the step below the value's resolution is named
            }

            outcomes[j] = Judge(_firstOnly, group, j, plus, minus);
            if (outcomes[j] is null)
            {
                needMore.Add(j);
            }
        }

        // Alone, a member's further opinions cost some fifteen evaluations; in the group, each pair of steps ±m·h is one
        // measurement of the group (2 + bits evaluations), and the ±2h, ±4h and resolution steps add up to four pairs.
        if (needMore.Count * 15 > 4 * (2 + code.Bits))
        {
            // Judging by the first opinion measured nothing, so the whole group's ±h outputs are still those of ±h.
            var more = new GroupEvidence(this, group, code, plus, minus, (T[])_plus.Clone(), (T[])_minus.Clone());
            var evidence = new DerivativeEvidence(more, Precision.Epsilon<T>()) { SecondOpinion = _options.SecondOpinion };
            var smaller = new List<int>();
            foreach (int j in needMore)
            {
                more.Member = j;
                more.AskedSmaller = false;
                outcomes[j] = Judge(evidence, group, j, plus, minus);
                if (outcomes[j] is null && more.AskedSmaller)
                {
                    smaller.Add(j);
                }
            }

            // Alone, a member's Taylor test costs at least nineteen evaluations (±h, ±2h, ±4h, six smaller steps each way,
            // the unperturbed output); in the group, each pair of its steps not yet measured is one measurement of the group.
            // Judged again, a member reads the same samples: the group's are kept, and its own evidence starts afresh.
            if (smaller.Count * AloneTaylorCost > more.UnmeasuredTaylorPairs() * (2 + code.Bits))
            {
                more.ServesSmaller = true;
                foreach (int j in smaller)
                {
                    more.Member = j;
                    outcomes[j] = Judge(evidence, group, j, plus, minus);
                }
            }
        }

        return outcomes;
    }

    /// <summary>The fewest evaluations a member's Taylor test costs alone: ±h, ±2h, ±4h, six smaller steps each way, the unperturbed output.</summary>
    private const int AloneTaylorCost = 19;

    /// <summary>Member <paramref name="j"/>'s judgement from its samples at ±h, or null when it needs evidence <paramref name="evidence"/> cannot give.</summary>
    private ElementOutcome? Judge(DerivativeEvidence evidence, Members group, int j, Measured plus, Measured minus)
    {
        double g = double.CreateTruncating(_analytic[group.Offset(j)]);
        try
        {
            return FiniteDifferences<T>.Judge(_options, evidence, group.Nominal(j), g, Sampled(group, j, +1, plus), Sampled(group, j, -1, minus), _analyticScale, _valueScale);
        }
        catch (FirstOpinionOnly.MoreEvidenceNeeded)
        {
            return null; // compared alone, from the start
        }
    }

    /// <summary>Member <paramref name="j"/>'s sample at <paramref name="multiple"/>·h, as its own check would take it.</summary>
    private Sample Sampled(Members group, int j, double multiple, Measured measured)
    {
        double step = group.Step(j, multiple);
        double g = double.CreateTruncating(_analytic[group.Offset(j)]);
        return new Sample(step, measured.Projection[j], g * step, measured.Magnitude[j]);
    }

    /// <summary>
    /// Moves the whole group each way (member j by <paramref name="plus"/>[j], then by <paramref name="minus"/>[j]), then,
    /// for each bit of the code, the members whose word has it by their <paramref name="plus"/> offset and the others by
    /// their <paramref name="minus"/> offset. An output is read back to one member when, in every one of these
    /// evaluations, it has exactly the bits of the whole group's move in the direction that member moved: the bits where
    /// it is <paramref name="plus"/> spell its word. An output that also hears another member (moved the other way in
    /// some evaluation) takes a value of neither move, or spells a word of the wrong weight; either way the group does
    /// not verify. An output that moves to the same bits both ways cannot spell a word so; then the sub-groups are also
    /// moved by <paramref name="plus"/> with the other members at rest (<see cref="ReadAtRest"/>). Each
    /// verified output's term is added to <paramref name="measuredPlus"/> or <paramref name="measuredMinus"/> where it
    /// moved, and <paramref name="moved"/> is told (output, member, value).
    /// </summary>
    /// <returns>False when an output does not verify, or is read back to another member than at another step.</returns>
    private bool Measure(Members group, ConstantWeightCode code, double[] plus, double[] minus, Measured measuredPlus, Measured measuredMinus, Action<int, int, T>? moved)
    {
        int length = _objective.Length;
        if (!Evaluate(group, plus, otherwise: null, bit: -1, code, _plus) || !Evaluate(group, minus, otherwise: null, bit: -1, code, _minus))
        {
            return false;
        }

        bool anySame = false;
        for (int i = 0; i < length; i++)
        {
            var motion = (_objective.Moved(i, _plus[i]) ? Motion.Up : Motion.None) | (_objective.Moved(i, _minus[i]) ? Motion.Down : Motion.None);
            if (motion != Motion.None && (!T.IsFinite(_plus[i]) || !T.IsFinite(_minus[i])))
            {
                return false; // alone, the element that leaves the layer's range is named
            }

            if (motion != Motion.None && _plus[i].Equals(_minus[i]))
            {
                motion |= Motion.Same;
                anySame = true;
            }

            _motion[i] = motion;
        }

        Array.Clear(_words);
        for (int bit = 0; bit < code.Bits; bit++)
        {
            var mixed = _read;
            if (!Evaluate(group, plus, minus, bit, code, mixed))
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (_motion[i] is Motion.Up or Motion.Down or Motion.Both && mixed[i].Equals(_plus[i]))
                {
                    _words[i] |= 1 << bit;
                }
                else if (!mixed[i].Equals(_minus[i]))
                {
                    return false; // neither move's value: more than one member moves it
                }
            }
        }

        // An output that moves to the same bits both ways (|x| or x² at x = 0 exactly, the other features of an RMS norm
        // when x is 0) cannot say which way its member moved: its word is read with the sub-groups moved by +h and the
        // others left in place, where it must read the +h value exactly in the sub-groups of one word and rest elsewhere;
        // every other output is held to the same there.
        if (anySame && !ReadAtRest(group, code, plus))
        {
            return false;
        }

        for (int i = 0; i < length; i++)
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
                _objective.Accumulate(i, _plus[i], ref measuredPlus.Projection[owner], ref measuredPlus.Magnitude[owner]);
                moved?.Invoke(i, owner, _plus[i]);
            }

            if (down1)
            {
                _objective.Accumulate(i, _minus[i], ref measuredMinus.Projection[owner], ref measuredMinus.Magnitude[owner]);
                moved?.Invoke(i, owner, _minus[i]);
            }
        }

        return true;
    }

    /// <summary>
    /// The sub-groups moved by <paramref name="plus"/> one at a time, the other members at rest: the words of the outputs
    /// that moved to the same bits both ways are read there, and every output must read its +h value in the sub-groups of
    /// its word and its unmoved value in the others; false when one does not.
    /// </summary>
    private bool ReadAtRest(Members group, ConstantWeightCode code, double[] plus)
    {
        int length = _objective.Length;
        for (int bit = 0; bit < code.Bits; bit++)
        {
            var part = _read;
            if (!Evaluate(group, plus, otherwise: null, bit, code, part))
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                bool same = (_motion[i] & Motion.Same) != 0;
                bool inBit = same ? part[i].Equals(_plus[i]) : (_words[i] & (1 << bit)) != 0;
                if (same && inBit)
                {
                    _words[i] |= 1 << bit;
                }

                if (!part[i].Equals(inBit ? _plus[i] : _objective.BaseAt(i)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether the whole group moved by <paramref name="offsets"/> again gives <paramref name="earlier"/> bit for bit.</summary>
    private bool Repeats(Members group, double[] offsets, T[] earlier)
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
    /// False when the forward threw, gave no output or one of another size, or wrote into the perturbed storage.
    /// </summary>
    private bool Evaluate(Members group, double[] offsets, double[]? otherwise, int bit, ConstantWeightCode? code, T[] output)
    {
        _options.Cancellation.ThrowIfCancellationRequested();
        group.Apply(offsets, otherwise, bit < 0 ? null : code!.Words, bit);
        try
        {
            var y = _copy.Evaluate();
            if (y is null || y.Length != _objective.Length || !group.Intact())
            {
                return false;
            }

            Array.Copy(y.Data, output, output.Length);
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Alone, each element's check says what the forward did, naming the element.
            return false;
        }
        finally
        {
            group.Reset();
        }
    }

    /// <summary>
    /// The terms of every member's resolution (<see cref="FiniteDifferences{T}.Resolution"/>): the group moved by the
    /// same steps each member's own check takes (1, 2, 4, 64 and 1,024 h, at most a tenth of the values, both ways),
    /// each output that moves read back to its member, then per member the sums over its outputs in output order, or
    /// over every output for a member that moved none. Null when a step does not verify.
    /// </summary>
    /// <param name="measured">The whole group's outputs already measured at a signed multiple of h, if any: a step that is
    /// exactly that multiple for every member is read from them (the forward repeats bit for bit) instead of measured again.</param>
    private Resolved? ResolutionTerms(Members group, ConstantWeightCode code, double valueScale, Func<double, T[]?> measured)
    {
        int count = group.Count, length = _objective.Length;
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
                slopes[i] = Math.Max(slopes[i], Math.Abs((double.CreateTruncating(value) - double.CreateTruncating(_objective.BaseAt(i))) / steps[owner]));
            }

            if (exact && measured(multiple) is { Length: > 0 } up && measured(-multiple) is { Length: > 0 } down)
            {
                // Verified when they were measured: each output that moved has its one owner.
                foreach (var whole in (ReadOnlySpan<T[]>)[up, down])
                {
                    for (int i = 0; i < length; i++)
                    {
                        if (_objective.Moved(i, whole[i]))
                        {
                            Moved(i, _owners[i], whole[i]);
                        }
                    }
                }
            }
            else if (!Measure(group, code, steps, [.. steps.Select(step => -step)], new Measured(count), new Measured(count), Moved))
            {
                return null;
            }
        }

        var resolved = new Resolved(count) { Largest = largest };
        for (int i = 0; i < length; i++)
        {
            if (dependent[i] >= 0)
            {
                int j = dependent[i];
                resolved.Any[j] = true;
                _objective.ResolutionTerms(i, slopes[i], ref resolved.Magnitude[j], ref resolved.Upstream[j], ref resolved.Backward[j]);
                resolved.Floor[j] += _objective.FloorTerm(i);
            }
        }

        // A member that moved nothing even at the largest step counts every output, as alone.
        double allMagnitude = 0, allUpstream = 0, allBackward = 0, allFloor = 0;
        for (int i = 0; i < length; i++)
        {
            _objective.ResolutionTerms(i, 0, ref allMagnitude, ref allUpstream, ref allBackward);
            allFloor += _objective.FloorTerm(i);
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

    /// <summary>Per member: whether any output moved, the largest step taken, the resolution's three sums and the Taylor floor's.</summary>
    private sealed class Resolved(int members)
    {
        public bool[] Any { get; } = new bool[members];

        public double[] Largest { get; init; } = new double[members];

        public double[] Magnitude { get; } = new double[members];

        public double[] Upstream { get; } = new double[members];

        public double[] Backward { get; } = new double[members];

        /// <summary>The Taylor test's floor sum (<see cref="Objective{T}.FloorMagnitude"/>).</summary>
        public double[] Floor { get; } = new double[members];
    }

    /// <summary>Each member's projection and its rounding scale at one step.</summary>
    private sealed class Measured(int members)
    {
        public double[] Projection { get; } = new double[members];

        public double[] Magnitude { get; } = new double[members];

        /// <summary>Whether every member's projection has the same bits in <paramref name="other"/>.</summary>
        public bool Same(Measured other)
        {
            for (int j = 0; j < Projection.Length; j++)
            {
                if (BitConverter.DoubleToInt64Bits(Projection[j]) != BitConverter.DoubleToInt64Bits(other.Projection[j]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The further opinions of a group's members, from the group: samples at ±2h and ±4h (and, once it
    /// <see cref="ServesSmaller"/>, at the Taylor test's steps below h) measured for the whole group on first use and
    /// verified as at ±h, each repeat a second measurement of the group that must give every member's projection bit for
    /// bit, the unperturbed output re-checked once, and the resolution and a Taylor test's floors from the group moved by
    /// the steps each member's own check takes. A group that does not verify at a step sends the member alone; a forward
    /// that does not repeat, or drifts, abandons grouping for the tensor (<see cref="GroupingAbandoned"/>), so that alone
    /// each element's check names what it saw.
    /// </summary>
    private sealed class GroupEvidence(GroupedDifferences<T> outer, Members group, ConstantWeightCode code, Measured plus, Measured minus, T[] wholePlus, T[] wholeMinus) : IDerivativeSampler
    {
        private readonly Dictionary<double, Measured?> _measured = new() { [1] = plus, [-1] = minus };
        private readonly Dictionary<double, T[]> _outputs = new() { [1] = wholePlus, [-1] = wholeMinus };
        private readonly HashSet<double> _repeated = [];
        private bool _unperturbedChecked;
        private Resolved? _resolution;
        private bool _resolutionTried;
        private double? _largestTerm;

        /// <summary>The member being judged.</summary>
        public int Member { get; set; }

        /// <summary>
        /// Whether the Taylor test's steps below h are served; until they are, a member that asks for one is marked
        /// (<see cref="AskedSmaller"/>) and sent alone, so that the caller can weigh their cost against the members' own.
        /// </summary>
        public bool ServesSmaller { get; set; }

        /// <summary>Whether the member being judged asked for a step below h while none was served.</summary>
        public bool AskedSmaller { get; set; }

        public Sample Sample(double offset)
        {
            double multiple = MultipleOf(offset);
            return outer.Sampled(group, Member, multiple, Measure(multiple));
        }

        public void RequireRepeat(Sample earlier, double offset)
        {
            // The whole group again: every output's bits, hence every member's projection, must repeat.
            double multiple = MultipleOf(offset);
            if (_repeated.Add(multiple))
            {
                Measure(multiple);
                if (!outer.Repeats(group, group.Offsets(multiple), _outputs[multiple]))
                {
                    throw new GroupingAbandoned();
                }
            }
        }

        public void RequireUnperturbedOutput()
        {
            if (!_unperturbedChecked)
            {
                _unperturbedChecked = true;
                var output = outer._copy.Evaluate();
                if (output is null || outer._objective.FirstChange(output) >= 0)
                {
                    throw new GroupingAbandoned();
                }
            }
        }

        /// <summary>As <see cref="FiniteDifferences{T}.Resolution"/> computes it for the member alone, from the group moved by the same steps.</summary>
        public double Resolution(double valueScale, double analyticRounding, double rounding)
        {
            var terms = Terms(valueScale);
            int j = Member;
            double h = group.Nominal(j);
            double outputs = terms.Magnitude[j] + (terms.Upstream[j] * valueScale);
            double numerical = Precision.Epsilon<T>() * outputs / (terms.Any[j] ? h : terms.Largest[j]);
            double analytic = Math.Max(analyticRounding, Precision.Epsilon<T>() * terms.Backward[j]);
            return Math.Max(rounding, numerical) + analytic;
        }

        /// <summary>
        /// As <see cref="FiniteDifferences{T}.Floors"/> computes them for the member alone: the same sums over the same
        /// outputs (those it moved at the resolution's steps, or every output), and the same largest backward term.
        /// </summary>
        public (double Outputs, double Analytic) Floors(double valueScale, double analyticRounding)
        {
            var terms = Terms(valueScale);
            double eps = Precision.Epsilon<T>();
            double analytic = Math.Max(analyticRounding, eps * terms.Backward[Member]);
            _largestTerm ??= outer._objective.LargestTerm();
            return (eps * terms.Floor[Member], Math.Max(analytic, eps * _largestTerm.Value));
        }

        /// <summary>A kink is read alone, where each output's slopes can be taken.</summary>
        public (double Low, double High) SubgradientRange(double step) => throw new FirstOpinionOnly.MoreEvidenceNeeded();

        /// <summary>How many of the Taylor test's pairs of steps ±m·h the group has not measured yet.</summary>
        public int UnmeasuredTaylorPairs() => TaylorSteps.Multiples.Count(m => !_measured.ContainsKey(m));

        /// <summary>The resolution's terms of every member, measured on first use; a group that does not verify at one of their steps sends the member alone.</summary>
        private Resolved Terms(double valueScale)
        {
            if (!_resolutionTried)
            {
                _resolutionTried = true;
                _resolution = outer.ResolutionTerms(group, code, valueScale, multiple => _outputs.GetValueOrDefault(multiple));
            }

            return _resolution ?? throw new FirstOpinionOnly.MoreEvidenceNeeded();
        }

        /// <summary>The group's samples at <paramref name="multiple"/>·h, measured on first use together with the opposite step.</summary>
        private Measured Measure(double multiple)
        {
            if (!_measured.ContainsKey(multiple))
            {
                double m = Math.Abs(multiple);
                Measured up = new(group.Count), down = new(group.Count);
                bool verified = outer.Measure(group, code, group.Offsets(m), group.Offsets(-m), up, down, moved: null);
                _measured[m] = verified ? up : null;
                _measured[-m] = verified ? down : null;
                _outputs[m] = verified ? (T[])outer._plus.Clone() : [];
                _outputs[-m] = verified ? (T[])outer._minus.Clone() : [];
            }

            return _measured[multiple] ?? throw new FirstOpinionOnly.MoreEvidenceNeeded();
        }

        /// <summary>
        /// The signed multiple of the member's h that <paramref name="offset"/> is, one of the Taylor test's
        /// (<see cref="TaylorSteps.Multiples"/>, which holds the second and third opinions' 2 and 4): the member alone
        /// computes its offset as that multiple times h, so an exact comparison finds it, and the group moves the member
        /// by the same product. Anything else, or a step below h not served yet, is asked of the member alone.
        /// </summary>
        private double MultipleOf(double offset)
        {
            double h = group.Nominal(Member);
            foreach (double m in TaylorSteps.Multiples)
            {
                foreach (double multiple in (ReadOnlySpan<double>)[m, -m])
                {
                    if (offset != multiple * h)
                    {
                        continue;
                    }

                    if (m < 1 && !ServesSmaller)
                    {
                        AskedSmaller = true;
                        throw new FirstOpinionOnly.MoreEvidenceNeeded();
                    }

                    return multiple;
                }
            }

            throw new FirstOpinionOnly.MoreEvidenceNeeded();
        }
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

    /// <summary>The members' storage: their original bits, their steps, and the values a move wrote.</summary>
    private sealed class Members
    {
        private readonly int[] _offsets;
        private readonly T[] _data;
        private readonly T[] _original;
        private readonly double[] _nominal;
        private readonly T[] _written;
        private readonly bool[] _moved;

        public Members(int[] offsets, T[] data, GradCheckOptions options)
        {
            _offsets = offsets;
            _data = data;
            _original = new T[offsets.Length];
            _nominal = new double[offsets.Length];
            _written = new T[offsets.Length];
            _moved = new bool[offsets.Length];
            for (int j = 0; j < offsets.Length; j++)
            {
                _original[j] = data[offsets[j]];
                _nominal[j] = FiniteDifferences<T>.StepFor(options, double.CreateTruncating(_original[j]));
            }
        }

        /// <summary>The number of members.</summary>
        public int Count => _offsets.Length;

        /// <summary>The step asked for member <paramref name="j"/>.</summary>
        public double Nominal(int j) => _nominal[j];

        /// <summary>The tensor offset of member <paramref name="j"/>.</summary>
        public int Offset(int j) => _offsets[j];

        /// <summary>
        /// The step really taken by member <paramref name="j"/> at <paramref name="multiple"/>·h, exactly as an element's
        /// own check takes it (x + m·h rounded to the layer's type, less x).
        /// </summary>
        public double Step(int j, double multiple)
        {
            double x = double.CreateTruncating(_original[j]);
            return double.CreateTruncating(T.CreateTruncating(x + (multiple * _nominal[j]))) - x;
        }

        /// <summary>Each member's offset <paramref name="multiple"/>·h, as its own check computes it.</summary>
        public double[] Offsets(double multiple) => [.. _nominal.Select(h => multiple * h)];

        /// <summary>
        /// Moves every member j, or those whose word has <paramref name="bit"/>, by <paramref name="offsets"/>[j], and the
        /// others by <paramref name="otherwise"/>[j] when it is given.
        /// </summary>
        public void Apply(double[] offsets, double[]? otherwise, int[]? words, int bit)
        {
            for (int j = 0; j < _offsets.Length; j++)
            {
                bool inBit = words is null || (words[j] & (1 << bit)) != 0;
                _moved[j] = inBit || otherwise is not null;
                if (_moved[j])
                {
                    double x = double.CreateTruncating(_original[j]);
                    _written[j] = T.CreateTruncating(x + (inBit ? offsets[j] : otherwise![j]));
                    _data[_offsets[j]] = _written[j];
                }
            }
        }

        /// <summary>Whether the forward left the moved values as they were written.</summary>
        public bool Intact()
        {
            for (int j = 0; j < _offsets.Length; j++)
            {
                if (_moved[j] && !_data[_offsets[j]].Equals(_written[j]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Puts back every member's original bits.</summary>
        public void Reset()
        {
            for (int j = 0; j < _offsets.Length; j++)
            {
                _data[_offsets[j]] = _original[j];
            }
        }
    }
}
