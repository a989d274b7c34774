using System.Numerics;

namespace GradAssert.Engine;

/// <summary>
/// The grouped part of a tensor's element-wise comparison: discovers how its elements may be grouped
/// (<see cref="StructureDiscovery"/>, <see cref="GroupPlan"/>), takes each group's first opinions
/// (<see cref="GroupedDifferences{T}"/>), cuts a group that does not verify finer, and leaves to be compared
/// alone every element whose first opinion a group could not give or did not pass.
/// </summary>
internal static class GroupedComparison
{
    /// <summary>Below this many elements, discovering a structure costs more than it can save.</summary>
    public const int MinElements = 16;

    /// <summary>How often a group that does not verify is cut finer (<see cref="GroupPlan.Refine"/>) before its members are compared alone.</summary>
    private const int MaxRefinements = 3;

    /// <summary>
    /// Takes the first opinions that groups can give: fills <see cref="ElementJob{T}.Outcomes"/> for those and returns the
    /// positions left to compare alone, in increasing order; null when grouping does not apply (every position alone).
    /// </summary>
    /// <param name="copies">The layer under check first, then its independent copies, which share the groups.</param>
    /// <param name="progress">Told how many elements the groups have dealt with so far; serial runs only.</param>
    public static int[]? Compare<T>(GradCheckOptions options, Objective<T> objective, ElementJob<T> job, IReadOnlyList<Evaluator<T>> copies, Action<int>? progress)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!options.Grouping || options.Scheme != DifferenceScheme.Central || job.Indices.Length < MinElements)
        {
            return null;
        }

        var separations = StructureDiscovery.Separations(options, objective, copies[0], job.Shape);
        if (separations is null)
        {
            return null;
        }

        var groups = GroupPlan.Groups(job.Indices, job.Shape, separations);
        if (groups.Count == 0)
        {
            return null;
        }

        var decided = new bool[job.Indices.Length];
        try
        {
            CompareGroups(options, objective, job, copies, progress, separations, groups, decided);
        }
        catch (GroupingAbandoned)
        {
            return null;
        }
        catch (AggregateException error) when (error.InnerExceptions.All(e => e is GroupingAbandoned))
        {
            return null;
        }

        var alone = new List<int>();
        for (int k = 0; k < decided.Length; k++)
        {
            if (!decided[k])
            {
                alone.Add(k);
            }
        }

        return [.. alone];
    }

    /// <summary>Every group in turn (serially, or in contiguous runs on the copies), cutting finer those that do not verify.</summary>
    private static void CompareGroups<T>(
        GradCheckOptions options, Objective<T> objective, ElementJob<T> job, IReadOnlyList<Evaluator<T>> copies, Action<int>? progress, int[] separations, List<int[]> groups, bool[] decided)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int workers = Math.Min(copies.Count, groups.Count);
        if (workers == 1)
        {
            var differences = new GroupedDifferences<T>(options, objective, copies[0], job.Analytic, job.Scale, job.ValueScale);
            int done = 0;
            foreach (var group in groups)
            {
                Compare(differences, job, group, decided, separations, MaxRefinements);
                done += group.Length;
                progress?.Invoke(done);
            }
        }
        else
        {
            // Contiguous runs of groups, one per copy; each outcome lands at its element's position, as in a serial run.
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = options.Cancellation }, w =>
            {
                var differences = new GroupedDifferences<T>(options, objective, copies[w], job.Analytic, job.Scale, job.ValueScale);
                int from = (int)((long)groups.Count * w / workers);
                int to = (int)((long)groups.Count * (w + 1) / workers);
                for (int g = from; g < to; g++)
                {
                    Compare(differences, job, groups[g], decided, separations, MaxRefinements);
                }
            });
        }
    }

    /// <summary>One group's first opinions; a group that does not verify is cut finer, a few times at most.</summary>
    /// <param name="positions">Positions into the job's indices, in increasing order.</param>
    /// <param name="separations">The separations the group's members agree modulo.</param>
    private static void Compare<T>(GroupedDifferences<T> differences, ElementJob<T> job, int[] positions, bool[] decided, int[] separations, int refinements)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var members = new int[positions.Length];
        for (int j = 0; j < positions.Length; j++)
        {
            members[j] = job.Indices[positions[j]];
        }

        var outcomes = differences.Compare(members);
        if (outcomes is null)
        {
            if (refinements > 0)
            {
                var finer = separations.Select((separation, d) => (int)Math.Min(2L * separation, job.Shape[d])).ToArray();
                var parts = GroupPlan.Refine(positions, job.Indices, job.Shape, separations);
                foreach (var part in parts.Count == 1 && parts[0].Length == positions.Length ? [] : parts)
                {
                    Compare(differences, job, part, decided, finer, refinements - 1);
                }
            }

            return;
        }

        for (int j = 0; j < positions.Length; j++)
        {
            if (outcomes[j] is { } outcome)
            {
                job.Outcomes[positions[j]] = outcome;
                decided[positions[j]] = true;
            }
        }
    }
}
