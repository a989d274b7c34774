namespace GradAssert.Cases;

/// <summary>
/// Finds a smaller failing case: replays the failing case's seed with smaller <see cref="GradientCase.Dim"/> values,
/// one dimension at a time, trying its minimum first and then halving the distance to it, and keeps every smaller
/// case that still fails the same way. Repeats over all dimensions until none shrinks further or the budget is spent.
/// </summary>
internal static class Shrinker
{
    /// <summary>At most this many replays per shrink, so a slow check cannot shrink forever.</summary>
    public const int MaxAttempts = 200;

    /// <param name="failing">The first failing case.</param>
    /// <param name="run">Runs a case with the given sizes forced and returns its outcome.</param>
    /// <param name="cancellationToken">Stops shrinking when the test's time is up.</param>
    /// <returns>The smallest failing outcome found, and how many shrinks led to it.</returns>
    public static async Task<(CaseOutcome Smallest, int Shrinks)> ShrinkAsync(
        CaseOutcome failing, Func<IReadOnlyDictionary<string, int>, Task<CaseOutcome>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failing);
        ArgumentNullException.ThrowIfNull(run);
        var best = failing;
        int shrinks = 0;
        int attempts = 0;
        bool improved = true;
        while (improved && attempts < MaxAttempts)
        {
            improved = false;
            foreach (var dim in best.Case.Dims.ToArray())
            {
                bool shrankThisDim = true;
                while (shrankThisDim && attempts < MaxAttempts)
                {
                    shrankThisDim = false;
                    int current = Value(best, dim.Name);
                    foreach (int candidate in Candidates(dim.Min, current))
                    {
                        if (attempts >= MaxAttempts)
                        {
                            break;
                        }

                        var sizes = best.Case.Dims.ToDictionary(d => d.Name, d => d.Value);
                        sizes[dim.Name] = candidate;
                        attempts++;
                        cancellationToken.ThrowIfCancellationRequested();
                        var outcome = await run(sizes).ConfigureAwait(false);
                        if (outcome.FailsLike(failing))
                        {
                            best = outcome;
                            shrinks++;
                            shrankThisDim = true;
                            improved = true;
                            break;
                        }
                    }
                }
            }
        }

        return (best, shrinks);
    }

    /// <summary>Smaller values to try, smallest first: the minimum, then halfway, a quarter of the way back, …, current − 1.</summary>
    internal static IEnumerable<int> Candidates(int min, int current)
    {
        int distance = current - min;
        int previous = int.MinValue;
        while (distance > 0)
        {
            int candidate = current - distance;
            if (candidate != previous)
            {
                yield return candidate;
                previous = candidate;
            }

            distance /= 2;
        }
    }

    private static int Value(CaseOutcome outcome, string name)
    {
        foreach (var d in outcome.Case.Dims)
        {
            if (d.Name == name)
            {
                return d.Value;
            }
        }

        return int.MinValue;
    }
}
