using System.Numerics;

namespace GradAssert.Engine.Evidence;

/// <summary>The members of a group in the storage they are moved in: their original bits, their steps, and the values a move wrote.</summary>
internal sealed class GroupMembers<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _offsets;
    private readonly T[] _data;
    private readonly T[] _original;
    private readonly double[] _nominal;
    private readonly T[] _written;
    private readonly bool[] _moved;

    public GroupMembers(int[] offsets, T[] data, Stepping stepping)
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
            _nominal[j] = stepping.For<T>(double.CreateTruncating(_original[j]));
        }
    }

    /// <summary>The number of members.</summary>
    public int Count => _offsets.Length;

    /// <summary>The step asked for member <paramref name="j"/>.</summary>
    public double Nominal(int j) => _nominal[j];

    /// <summary>Member <paramref name="j"/>'s unperturbed value.</summary>
    public double Origin(int j) => double.CreateTruncating(_original[j]);

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

    /// <summary>The tensor offsets of the first members, for messages: <c>W[0,1], W[0,3], W[0,5] and 7 more</c>.</summary>
    public string Describe(TensorLabel label)
    {
        var first = _offsets.Take(3).Select(label.Element);
        return _offsets.Length <= 3 ? string.Join(", ", first) : $"{string.Join(", ", first)} and {_offsets.Length - 3} more";
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
