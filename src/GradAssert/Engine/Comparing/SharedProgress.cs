namespace GradAssert.Engine.Comparing;

/// <summary>
/// How far the workers of one tensor's parallel comparison are, together: each adds the elements it has dealt with,
/// and the worker whose addition crosses a multiple of <c>every</c> reports the sum it reached. Reports go out one at a
/// time and never go back: a worker that waited for its turn while another reported a larger sum reports nothing, so
/// the counts a progress observer sees increase from report to report, as in a serial comparison.
/// </summary>
internal sealed class SharedProgress
{
    private readonly Action<int> _report;
    private readonly int _every;
    private readonly Lock _reporting = new();
    private int _done;
    private int _reported;

    /// <param name="report">Told the elements dealt with so far; called by one worker at a time.</param>
    /// <param name="every">How many elements between two reports.</param>
    public SharedProgress(Action<int> report, int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        _report = report;
        _every = every;
    }

    /// <summary>The elements dealt with so far, by every worker.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>
    /// Counts on from <paramref name="done"/>, between two phases of the comparison (no worker running): after the
    /// groups, from the elements they decided. A count below one already reported is not reported again.
    /// </summary>
    public void StartAt(int done) => Volatile.Write(ref _done, done);

    /// <summary>Adds <paramref name="count"/> elements a worker has dealt with; reports when the sum crosses a multiple of <c>every</c>.</summary>
    public void Advance(int count)
    {
        if (count <= 0)
        {
            return;
        }

        int done = Interlocked.Add(ref _done, count);
        if (done / _every == (done - count) / _every)
        {
            return;
        }

        lock (_reporting)
        {
            if (done > _reported)
            {
                _reported = done;
                _report(done);
            }
        }
    }
}
