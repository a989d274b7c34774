using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// The outcomes of one element-wise comparison, by position, kept compactly: per element only its numerical derivative,
/// its allowance (in single precision) and its verdict (13 bytes, where an <see cref="ElementOutcome"/> takes 40: a tensor of millions of elements is
/// checked in full without holding one per element). The analytic derivative is read back from the gradient it came
/// from; what few elements have is kept aside: the Taylor tests, and the worst element whole, with its allowance.
/// Positions may be set from several threads at once, each by one of them, in any order: what is read back does not
/// depend on that order, so parallel reports stay the serial ones bit for bit.
/// </summary>
internal sealed class ElementOutcomes
{
    private const byte StatusBits = 0b11;
    private const byte UnresolvedBit = 0b100;
    private const byte SetBit = 0b1000;

    private readonly ElementIndices _indices;
    private readonly Func<int, double> _analytic;
    private readonly double[] _numerical;
    private readonly byte[] _verdicts;
    private readonly float[] _allowed;
    private readonly Lock _gate = new();
    private readonly SecondOpinionRecord _taylor = new();
    private double _worstBadness = double.NegativeInfinity;
    private int _worstPosition = -1;
    private ElementOutcome _worst;

    /// <param name="indices">The elements compared.</param>
    /// <param name="analytic">The analytic derivative of the element at a tensor offset, as every outcome carries it.</param>
    public ElementOutcomes(ElementIndices indices, Func<int, double> analytic)
    {
        _indices = indices;
        _analytic = analytic;
        _numerical = new double[indices.Length];
        _verdicts = new byte[indices.Length];
        _allowed = new float[indices.Length];
    }

    /// <summary>The number of positions.</summary>
    public int Count => _numerical.Length;

    /// <summary>Sets the outcome of position <paramref name="k"/>, once (until <see cref="Forget"/>).</summary>
    public ElementOutcome this[int k]
    {
        set
        {
            // Only the numerical side is stored: the analytic side must be the gradient's own value, as it always is.
            if (BitConverter.DoubleToInt64Bits(value.Analytic) != BitConverter.DoubleToInt64Bits(_analytic(_indices[k])) || (_verdicts[k] & SetBit) != 0)
            {
                throw new InvalidOperationException($"Position {k} was set twice, or with an analytic derivative other than its gradient's.");
            }

            _numerical[k] = value.Numerical;
            _allowed[k] = (float)value.Allowed;
            _verdicts[k] = (byte)((byte)value.Status | (value.Unresolved ? UnresolvedBit : 0) | SetBit);

            // The worst so far only grows: an element below it (read without the lock, atomically) cannot be the worst.
            double badness = value.Status == ElementStatus.Kink ? double.NaN : value.Badness;
            if (value.Taylor is not null || badness >= Volatile.Read(ref _worstBadness))
            {
                Note(k, value, badness);
            }
        }
    }

    /// <summary>
    /// Replaces the outcome of a position that was left out as a kink, or failed alone at a kink, with what the tie it
    /// belongs to showed (see <see cref="TiedElements{T}"/>). Not thread-safe: asked once every position is set.
    /// </summary>
    public void Revise(int k, ElementOutcome revised)
    {
        if ((_verdicts[k] & SetBit) == 0 || revised.Status == ElementStatus.Kink)
        {
            throw new InvalidOperationException($"Position {k} was never set, or is revised to a kink.");
        }

        revised = revised with { Allowed = (float)revised.Allowed }; // as kept, so that every revised element compares alike
        _numerical[k] = revised.Numerical;
        _allowed[k] = (float)revised.Allowed;
        _verdicts[k] = (byte)((byte)revised.Status | (revised.Unresolved ? UnresolvedBit : 0) | SetBit);
        if (k == _worstPosition)
        {
            FindWorst(); // the worst may be better now: every position is read again
        }
        else if (revised.Badness >= _worstBadness)
        {
            Note(k, revised, revised.Badness);
        }
    }

    /// <summary>The worst compared element read again from every position, with the allowances kept (as single precision).</summary>
    private void FindWorst()
    {
        (_worstBadness, _worstPosition, _worst) = (double.NegativeInfinity, -1, default);
        for (int k = 0; k < Count; k++)
        {
            var outcome = Judged(k) with { Allowed = _allowed[k] };
            if (outcome.Status != ElementStatus.Kink && outcome.Badness > _worstBadness)
            {
                (_worstBadness, _worstPosition, _worst) = (outcome.Badness, k, outcome);
            }
        }
    }

    /// <summary>The allowance position <paramref name="k"/> was judged within, as kept (single precision).</summary>
    public double Allowance(int k) => _allowed[k];

    /// <summary>The tensor offset of position <paramref name="k"/>.</summary>
    public int Offset(int k) => _indices[k];

    /// <summary>
    /// The outcome of position <paramref name="k"/> as the tolerance judges it in its tensor: analytic, numerical, status
    /// and whether it is unresolved, without its allowance (NaN) and Taylor test.
    /// </summary>
    public ElementOutcome Judged(int k)
    {
        byte verdict = _verdicts[k];
        if ((verdict & SetBit) == 0)
        {
            throw new InvalidOperationException($"Position {k} was never set.");
        }

        return new ElementOutcome(_analytic(_indices[k]), _numerical[k], double.NaN, (ElementStatus)(verdict & StatusBits), (verdict & UnresolvedBit) != 0);
    }

    /// <summary>
    /// The compared (non-kink) element of largest <see cref="ElementOutcome.Badness"/>, the first by position among
    /// equals, as a scan in position order finds it; null when there is none.
    /// </summary>
    public (int Offset, ElementOutcome Outcome)? Worst => _worstPosition < 0 ? null : (_indices[_worstPosition], _worst);

    /// <summary>The Taylor tests the elements got that are kept (see <see cref="SecondOpinionRecord"/>), by tensor offset, in position order.</summary>
    public IEnumerable<(int Offset, TaylorResult Test)> TaylorTests => _taylor.InOrder.Select(t => (_indices[t.Position], t.Test));

    /// <summary>How many elements got a Taylor test as a second opinion, kept or not.</summary>
    public int SecondOpinions => _taylor.Count;

    /// <summary>How many of those second opinions changed the element's verdict, kept or not.</summary>
    public int SecondOpinionsChanged => _taylor.Changed;

    /// <summary>Forgets every outcome set so far, the worst element and the Taylor tests with them: every position is about to be set again.</summary>
    public void Forget()
    {
        Array.Clear(_verdicts);
        _taylor.Clear();
        (_worstBadness, _worstPosition, _worst) = (double.NegativeInfinity, -1, default);
    }

    /// <summary>
    /// The numerical derivatives' storage, for a vector of the tensor's length to be written over them once they are no
    /// longer needed (the Taylor test's direction); null when the positions are not the whole tensor.
    /// </summary>
    public double[]? Spend(int length) => _indices.IsAll && _numerical.Length == length ? _numerical : null;

    private void Note(int k, in ElementOutcome outcome, double badness)
    {
        lock (_gate)
        {
            if (outcome.Taylor is { } test)
            {
                _taylor.Add(k, test);
            }

            if (badness > _worstBadness || (badness == _worstBadness && k < _worstPosition))
            {
                (_worstPosition, _worst) = (k, outcome);
                Volatile.Write(ref _worstBadness, badness);
            }
        }
    }
}
