using System.Numerics;

namespace GradAssert.Engine;

/// <summary>
/// The first opinion (±h) of every member of a group from a few evaluations, verified output by output. The whole group
/// moves at once, then each of the code's sub-groups (<see cref="ConstantWeightCode"/>), at +h and at −h. An output is
/// read back to one member only when it moved in the whole group, moved in exactly the sub-groups of that member's
/// word, each time to the same bits, and in no other sub-group; any other output makes the group unverified, and the
/// caller cuts it finer or compares its members alone. A verified member's samples are its own outputs' terms of
/// <see cref="Objective{T}.Project"/>, summed in the same order; its tolerance judges them on evidence that holds nothing
/// more (<see cref="FirstOpinionOnly"/>), so a member that needs a second opinion is compared alone.
/// </summary>
internal sealed class GroupedDifferences<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GradCheckOptions _options;
    private readonly Objective<T> _objective;
    private readonly Evaluator<T> _copy;
    private readonly T[] _analytic;
    private readonly double _analyticScale;
    private readonly double _valueScale;
    private readonly DerivativeEvidence _evidence;
    private readonly T[] _whole;
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
        _evidence = new DerivativeEvidence(new FirstOpinionOnly(), Precision.Epsilon<T>());
        _whole = new T[objective.Length];
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
        if (!Measure(group, code, +1, plus) || !Measure(group, code, -1, minus))
        {
            return null;
        }

        var outcomes = new ElementOutcome?[members.Length];
        for (int j = 0; j < members.Length; j++)
        {
            double stepPlus = group.Step(j, +1), stepMinus = group.Step(j, -1);
            if (stepPlus == 0 || stepMinus == 0)
            {
                continue; // alone, the step below the value's resolution is named
            }

            double g = double.CreateTruncating(_analytic[members[j]]);
            var p1 = new Sample(stepPlus, plus.Projection[j], g * stepPlus, plus.Magnitude[j]);
            var m1 = new Sample(stepMinus, minus.Projection[j], g * stepMinus, minus.Magnitude[j]);
            try
            {
                outcomes[j] = FiniteDifferences<T>.Judge(_options, _evidence, group.Nominal(j), g, p1, m1, _analyticScale, _valueScale);
            }
            catch (FirstOpinionOnly.MoreEvidenceNeeded)
            {
                // Compared alone, from the start.
            }
        }

        return outcomes;
    }

    /// <summary>Moves the group one way and reads each output back to its member; false when an output does not verify.</summary>
    private bool Measure(Members group, ConstantWeightCode code, int sign, Measured measured)
    {
        var y0Length = _objective.Length;
        if (!Evaluate(group, sign, bit: -1, code, out var whole))
        {
            return false;
        }

        Array.Copy(whole, _whole, y0Length);
        Array.Clear(_words);
        for (int bit = 0; bit < code.Bits; bit++)
        {
            if (!Evaluate(group, sign, bit, code, out var part))
            {
                return false;
            }

            for (int i = 0; i < y0Length; i++)
            {
                if (_objective.Moved(i, part[i]))
                {
                    if (!_objective.Moved(i, _whole[i]) || !part[i].Equals(_whole[i]))
                    {
                        return false; // moved apart from the group, or differently: more than one member moves it
                    }

                    _words[i] |= 1 << bit;
                }
            }
        }

        for (int i = 0; i < y0Length; i++)
        {
            if (!_objective.Moved(i, _whole[i]))
            {
                continue;
            }

            if (!T.IsFinite(_whole[i]))
            {
                return false; // alone, the element that leaves the layer's domain is named
            }

            int owner = code.MemberOf(_words[i]);
            if (owner < 0 || (_owners[i] >= 0 && _owners[i] != owner))
            {
                return false;
            }

            _owners[i] = owner;
            _objective.Accumulate(i, _whole[i], ref measured.Projection[owner], ref measured.Magnitude[owner]);
        }

        return true;
    }

    /// <summary>
    /// The output with the whole group (<paramref name="bit"/> −1) or one sub-group moved by ±h; false when the forward
    /// threw, gave no output or one of another size, or wrote into the perturbed storage. The values are put back first.
    /// </summary>
    private bool Evaluate(Members group, int sign, int bit, ConstantWeightCode code, out T[] output)
    {
        output = [];
        group.Apply(sign, bit < 0 ? null : code.Words, bit);
        try
        {
            var y = _copy.Evaluate();
            if (y is null || y.Length != _objective.Length || !group.Intact())
            {
                return false;
            }

            output = y.Data;
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

    /// <summary>Each member's projection and its rounding scale at one sign.</summary>
    private sealed class Measured(int members)
    {
        public double[] Projection { get; } = new double[members];

        public double[] Magnitude { get; } = new double[members];
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

        /// <summary>The step asked for member <paramref name="j"/>.</summary>
        public double Nominal(int j) => _nominal[j];

        /// <summary>The step really taken by member <paramref name="j"/> at ±h, exactly as an element's own check takes it.</summary>
        public double Step(int j, int sign)
        {
            double x = double.CreateTruncating(_original[j]);
            return double.CreateTruncating(T.CreateTruncating(x + (sign * _nominal[j]))) - x;
        }

        /// <summary>Moves every member, or those whose word has <paramref name="bit"/>, by ±h.</summary>
        public void Apply(int sign, int[]? words, int bit)
        {
            for (int j = 0; j < _offsets.Length; j++)
            {
                _moved[j] = words is null || (words[j] & (1 << bit)) != 0;
                if (_moved[j])
                {
                    double x = double.CreateTruncating(_original[j]);
                    _written[j] = T.CreateTruncating(x + (sign * _nominal[j]));
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
