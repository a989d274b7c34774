using System.Numerics;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// The further evidence of a group's members, from the group: samples at ±2h and ±4h (and, once it
/// <see cref="ServeSmallerSteps">serves smaller steps</see>, at the Taylor test's steps below h) measured for the whole
/// group on first use and verified as at ±h, each repeat a second measurement of the group that must give every
/// member's projection bit for bit, the unperturbed output re-checked once, and the resolution and a Taylor test's
/// floors from the group moved by the steps each member's own check takes. A step at which the group does not verify
/// is <see cref="Missing.NotMeasured"/> (the member is compared alone); a forward that does not repeat, or drifts,
/// is <see cref="Missing.Abandoned"/>, so that alone each element's check names what it saw.
/// </summary>
internal sealed class GroupEvidence<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GroupedDifferences<T> _differences;
    private readonly MeasuredGroup<T> _group;
    private readonly GroupMembers<T> _members;
    private readonly ConstantWeightCode _code;
    private readonly Dictionary<double, GroupSamples?> _measured;
    private readonly Dictionary<double, T[]> _outputs;
    private readonly HashSet<double> _repeated = [];
    private bool _unperturbedChecked;
    private GroupResolution? _resolution;
    private bool _resolutionTried;
    private double? _largestTerm;
    private bool _servesSmaller;

    /// <param name="first">The group's samples at ±h and the whole group's outputs there.</param>
    public GroupEvidence(
        GroupedDifferences<T> differences, MeasuredGroup<T> group, GroupMembers<T> members, ConstantWeightCode code, (GroupSamples Plus, GroupSamples Minus, T[] WholePlus, T[] WholeMinus) first)
    {
        _differences = differences;
        _group = group;
        _members = members;
        _code = code;
        _measured = new() { [1] = first.Plus, [-1] = first.Minus };
        _outputs = new() { [1] = first.WholePlus, [-1] = first.WholeMinus };
    }

    /// <summary>The evidence source of member <paramref name="j"/>.</summary>
    public IEvidenceSource For(int j) => new Member(this, j);

    /// <summary>
    /// From now on, the Taylor test's steps below h are measured for the group too. Until then a member that asks for
    /// one is told <see cref="Missing.SmallerStep"/>, so that the caller can weigh their cost against the members' own.
    /// </summary>
    public void ServeSmallerSteps() => _servesSmaller = true;

    /// <summary>
    /// The largest upstream-weighted output term of the objective (<see cref="Objective{T}.LargestTerm"/>), read once for
    /// the group: the backward's floor of every member's resolution and Taylor floors.
    /// </summary>
    private double LargestTerm => _largestTerm ??= _differences.Objective.LargestTerm();

    /// <summary>How many of the Taylor test's pairs of steps ±m·h the group has not measured yet.</summary>
    public int UnmeasuredTaylorPairs() => TaylorSteps.Multiples.Count(m => !_measured.ContainsKey(m));

    /// <summary>The group's samples at <paramref name="multiple"/>·h, measured on first use together with the opposite step; null where the group does not verify.</summary>
    private GroupSamples? Measure(double multiple)
    {
        if (!_measured.ContainsKey(multiple))
        {
            double m = Math.Abs(multiple);
            GroupSamples up = new(_members.Count), down = new(_members.Count);
            bool verified = _differences.Measure(_members, _code, _members.Offsets(m), _members.Offsets(-m), up, down, moved: null);
            var (plus, minus) = verified ? _differences.WholeOutputs() : (Array.Empty<T>(), Array.Empty<T>());
            _measured[m] = verified ? up : null;
            _measured[-m] = verified ? down : null;
            _outputs[m] = plus;
            _outputs[-m] = minus;
        }

        return _measured[multiple];
    }

    /// <summary>The resolution's terms of every member, measured on first use; null where the group does not verify at one of their steps.</summary>
    private GroupResolution? Terms(double valueScale)
    {
        if (!_resolutionTried)
        {
            _resolutionTried = true;
            _resolution = _differences.ResolutionTerms(_members, _code, valueScale, multiple => _outputs.GetValueOrDefault(multiple));
        }

        return _resolution;
    }

    /// <summary>
    /// The signed multiple of member <paramref name="j"/>'s h that <paramref name="offset"/> is, one of the Taylor test's
    /// (<see cref="TaylorSteps.Multiples"/>, which holds the ±2h and ±4h estimates' 2 and 4): the member alone computes
    /// its offset as that multiple times h, so an exact comparison finds it, and the group moves the member by the same
    /// product. Anything else, or a step below h not served yet, is missing.
    /// </summary>
    private Answer<double> MultipleOf(int j, double offset)
    {
        double h = _members.Nominal(j);
        foreach (double m in TaylorSteps.Multiples)
        {
            foreach (double multiple in (ReadOnlySpan<double>)[m, -m])
            {
                if (offset == multiple * h)
                {
                    return m < 1 && !_servesSmaller ? Answer<double>.Not(Missing.SmallerStep) : multiple;
                }
            }
        }

        return Answer<double>.Not(Missing.NotMeasured);
    }

    /// <summary>One member's view of the group's evidence.</summary>
    private sealed class Member(GroupEvidence<T> group, int j) : IEvidenceSource
    {
        public Answer<Sample> Sample(double offset)
        {
            var multiple = group.MultipleOf(j, offset);
            if (multiple.Missing != Missing.None)
            {
                return Answer<Sample>.Not(multiple.Missing);
            }

            return group.Measure(multiple.Value) is { } measured
                ? group._group.Sample(j, multiple.Value, measured)
                : Answer<Sample>.Not(Missing.NotMeasured);
        }

        /// <summary>
        /// A step on the ladder of the group's steps (±2h, ±4h) from the group, as <see cref="Sample"/> gives it, the
        /// member's bits exactly as alone; any other step is taken alone.
        /// </summary>
        public Answer<Sample> Probe(double offset) => Sample(offset);

        public Missing CheckRepeat(Sample earlier, double offset)
        {
            // The whole group again: every output's bits, hence every member's projection, must repeat.
            var multiple = group.MultipleOf(j, offset);
            if (multiple.Missing != Missing.None)
            {
                return multiple.Missing;
            }

            if (group._repeated.Add(multiple.Value))
            {
                if (group.Measure(multiple.Value) is null)
                {
                    return Missing.NotMeasured;
                }

                if (!group._differences.Repeats(group._members, group._members.Offsets(multiple.Value), group._outputs[multiple.Value]))
                {
                    return Missing.Abandoned;
                }
            }

            return Missing.None;
        }

        public Missing CheckUnperturbedOutput()
        {
            if (group._unperturbedChecked)
            {
                return Missing.None;
            }

            group._unperturbedChecked = true;
            var differences = group._differences;
            var output = UserCode.Run(
                differences.Copy.Evaluate,
                () => $"Layer '{differences.Label.Layer}' threw from Forward on the unperturbed input, re-checked while grouped finite differences compared {differences.Label.Tensor}");
            return output is null || differences.Objective.FirstChange(output) >= 0 ? Missing.Abandoned : Missing.None;
        }

        /// <summary>As the member alone computes it (<see cref="DerivativeEvidence.Resolution"/>), from the group moved by the same steps.</summary>
        public Answer<Resolution> Resolution(double valueScale, double analyticRounding)
        {
            if (group.Terms(valueScale) is not { } terms)
            {
                return Answer<Resolution>.Not(Missing.NotMeasured);
            }

            double eps = Precision.Epsilon<T>();
            double h = group._members.Nominal(j);
            double outputs = terms.Magnitude[j] + (terms.Upstream[j] * valueScale);
            double differenced = terms.Any[j] ? h : terms.Largest[j];
            double analytic = Math.Max(analyticRounding, eps * terms.Backward[j]);
            return new Resolution(eps * outputs / differenced, eps * outputs, differenced, Math.Max(analytic, eps * group.LargestTerm), eps * terms.Upstream[j] * valueScale);
        }

        /// <summary>
        /// As the member alone computes them (<see cref="DerivativeEvidence.Floors"/>): the same sums over the same outputs
        /// (those it moved at the resolution's steps, or every output), and the same largest backward term.
        /// </summary>
        public Answer<(double Outputs, double Analytic)> Floors(double valueScale, double analyticRounding)
        {
            if (group.Terms(valueScale) is not { } terms)
            {
                return Answer<(double, double)>.Not(Missing.NotMeasured);
            }

            double eps = Precision.Epsilon<T>();
            double analytic = Math.Max(analyticRounding, eps * terms.Backward[j]);
            return (eps * terms.Floor[j], Math.Max(analytic, eps * group.LargestTerm));
        }

        /// <summary>A kink is read alone, where each output's slopes can be taken.</summary>
        public Answer<(double Low, double High)> SubgradientRange(double step) => Answer<(double, double)>.Not(Missing.NotMeasured);
    }
}
