using System.Numerics;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// A group verified at ±h: each member's samples there, bit for bit what its own check would take, and the means to
/// measure the group at further steps (<see cref="Further"/>).
/// </summary>
internal sealed class MeasuredGroup<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GroupedDifferences<T> _differences;
    private readonly GroupMembers<T> _members;
    private readonly ConstantWeightCode _code;
    private readonly GroupSamples _plus;
    private readonly GroupSamples _minus;

    public MeasuredGroup(GroupedDifferences<T> differences, GroupMembers<T> members, ConstantWeightCode code, GroupSamples plus, GroupSamples minus)
    {
        _differences = differences;
        _members = members;
        _code = code;
        _plus = plus;
        _minus = minus;
    }

    /// <summary>The number of members.</summary>
    public int Count => _members.Count;

    /// <summary>How many evaluations one measurement of the group at a pair of steps ±m·h costs: 2 + the code's bits.</summary>
    public int EvaluationsPerStep => 2 + _code.Bits;

    /// <summary>The tensor offset of member <paramref name="j"/>.</summary>
    public int Offset(int j) => _members.Offset(j);

    /// <summary>The step asked for member <paramref name="j"/>, before rounding to the layer's type.</summary>
    public double Nominal(int j) => _members.Nominal(j);

    /// <summary>Whether member <paramref name="j"/> moves at ±h in its type (else, alone, the step below its resolution is named).</summary>
    public bool Moves(int j) => _members.Step(j, +1) != 0 && _members.Step(j, -1) != 0;

    /// <summary>Member <paramref name="j"/>'s unperturbed value.</summary>
    public double Origin(int j) => _members.Origin(j);

    /// <summary>Member <paramref name="j"/>'s analytic derivative.</summary>
    public double Analytic(int j) => double.CreateTruncating(_differences.Analytic[_members.Offset(j)]);

    /// <summary>Member <paramref name="j"/>'s sample at +h (<paramref name="sign"/> +1) or −h (−1), as its own check would take it.</summary>
    public Sample AtFirstStep(int j, int sign) => Sample(j, sign, sign > 0 ? _plus : _minus);

    /// <summary>
    /// The further evidence of the members, from the group measured at other steps on first use. Made once the first
    /// opinions are judged, which measure nothing more: the whole group's outputs at ±h are still those of this group.
    /// </summary>
    public GroupEvidence<T> Further()
    {
        var (plus, minus) = _differences.WholeOutputs();
        return new GroupEvidence<T>(_differences, this, _members, _code, (_plus, _minus, plus, minus));
    }

    /// <summary>Member <paramref name="j"/>'s sample at <paramref name="multiple"/>·h from the group's samples at that step.</summary>
    internal Sample Sample(int j, double multiple, GroupSamples measured)
    {
        double step = _members.Step(j, multiple);
        return new Sample(step, measured.Projection[j], Analytic(j) * step, measured.Magnitude[j]) { Change = measured.Change[j] };
    }
}
