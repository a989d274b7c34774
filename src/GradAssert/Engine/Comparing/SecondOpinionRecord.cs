namespace GradAssert.Engine.Comparing;

/// <summary>
/// The Taylor second opinions of one comparison, as its row keeps them: the <see cref="Kept"/> first by position of
/// those that changed a verdict, and as many of the rest; all are counted. A tensor of millions of elements can get hundreds of
/// thousands of second opinions, each with its remainders at nine steps (about 750 bytes): kept whole, they would hold
/// more memory than the layer and make a JSON report of hundreds of megabytes. Which are kept depends only on the
/// positions and verdicts, not on the order the tests arrive in, so parallel rows stay the serial ones.
/// </summary>
internal sealed class SecondOpinionRecord
{
    /// <summary>How many second opinions of each kind (changed a verdict, or not) a row keeps, the first by position; the rest are counted.</summary>
    public const int Kept = 1000;

    // Each prioritised by minus the position: the largest position kept leaves first when there are too many.
    private readonly PriorityQueue<(int Position, TaylorResult Test), int> _changed = new();
    private readonly PriorityQueue<(int Position, TaylorResult Test), int> _unchanged = new();

    /// <summary>How many second opinions were added, kept or not.</summary>
    public int Count { get; private set; }

    /// <summary>How many of them changed a verdict, kept or not.</summary>
    public int Changed { get; private set; }

    /// <summary>Records the second opinion of position <paramref name="position"/> (each position once).</summary>
    public void Add(int position, TaylorResult test)
    {
        Count++;
        Changed += test.Overturned ? 1 : 0;
        var kept = test.Overturned ? _changed : _unchanged;
        kept.Enqueue((position, test), -position);
        if (kept.Count > Kept)
        {
            kept.Dequeue();
        }
    }

    /// <summary>The kept tests, in position order.</summary>
    public IEnumerable<(int Position, TaylorResult Test)> InOrder =>
        _changed.UnorderedItems.Concat(_unchanged.UnorderedItems).Select(item => item.Element).OrderBy(t => t.Position);

    /// <summary>Forgets every test recorded.</summary>
    public void Clear()
    {
        _changed.Clear();
        _unchanged.Clear();
        Count = 0;
        Changed = 0;
    }
}
