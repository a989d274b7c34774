using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Judging;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// The grouped part of a tensor's element-wise comparison: discovers how its elements may be grouped
/// (<see cref="StructureDiscovery"/>, <see cref="GroupPlan"/>), measures each group (<see cref="GroupedDifferences{T}"/>),
/// judges each member on the evidence the group gives, cuts a group that does not verify finer, and leaves to be
/// compared alone every element whose judgement needs evidence the group did not give.
/// </summary>
internal sealed class GroupedComparison<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How often a group that does not verify is cut finer (<see cref="GroupPlan.Refine"/>) before its members are compared alone.</summary>
    private const int MaxRefinements = 3;

    /// <summary>
    /// Alone, a member's further opinions cost some fifteen evaluations; in the group, each pair of steps ±m·h is one
    /// measurement of the group, and the ±2h, ±4h and resolution steps add up to four pairs.
    /// </summary>
    private const int AloneFurtherCost = 15, GroupFurtherSteps = 4;

    /// <summary>The fewest evaluations a member's Taylor test costs alone: ±h, ±2h, ±4h, six smaller steps each way, the unperturbed output.</summary>
    private const int AloneTaylorCost = 19;

    private readonly RowPlan _plan;
    private readonly Objective<T> _objective;
    private readonly TensorLabel _label;
    private readonly ElementJob<T> _job;
    private readonly IReadOnlyList<Evaluator<T>> _copies;
    private bool _abandoned;

    /// <param name="copies">The layer under check first, then its independent copies, which share the groups.</param>
    public GroupedComparison(RowPlan plan, Objective<T> objective, string layer, ElementJob<T> job, IReadOnlyList<Evaluator<T>> copies)
    {
        _plan = plan;
        _objective = objective;
        _label = new TensorLabel(layer, job.Tensor, job.Shape);
        _job = job;
        _copies = copies;
    }

    /// <summary>Below this many elements, discovering a structure costs more than it can save.</summary>
    public const int MinElements = 16;

    /// <summary>
    /// Takes the verdicts that groups can give: fills <see cref="ElementJob{T}.Outcomes"/> for those and returns the
    /// positions left to compare alone, in increasing order; null when grouping does not apply or was abandoned (every
    /// position alone, the outcomes set so far to be forgotten).
    /// </summary>
    /// <param name="progress">Told how many elements the groups have dealt with so far; serial checks only.</param>
    /// <param name="shared">In a parallel check, advanced by the elements each group decided, by whichever worker measured it.</param>
    public int[]? Compare(Action<int>? progress, SharedProgress? shared)
    {
        if (!_plan.Grouping || _job.Indices.Length < MinElements)
        {
            return null;
        }

        var separations = StructureDiscovery.Separations(_plan.Stepping, _objective, _copies[0], _label);
        if (separations is null)
        {
            return null;
        }

        var groups = GroupPlan.Groups(_job.Indices, _job.Shape, separations);
        if (groups.Count == 0)
        {
            return null;
        }

        var decided = new bool[_job.Indices.Length];
        CompareGroups(progress, shared, separations, groups, decided);
        if (_abandoned)
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
    private void CompareGroups(Action<int>? progress, SharedProgress? shared, int[] separations, List<int[]> groups, bool[] decided)
    {
        int workers = Math.Min(_copies.Count, groups.Count);
        if (workers == 1)
        {
            var differences = Differences(_copies[0]);
            int done = 0;
            foreach (var group in groups)
            {
                if (!Compare(differences, group, decided, separations, MaxRefinements))
                {
                    return;
                }

                done += group.Length;
                progress?.Invoke(done);
                shared?.Advance(Decided(group, decided));
            }
        }
        else
        {
            // Contiguous runs of groups, one per copy; each outcome lands at its element's position, as in a serial run.
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = _plan.Stepping.Cancellation }, w =>
            {
                var differences = Differences(_copies[w]);
                int from = (int)((long)groups.Count * w / workers);
                int to = (int)((long)groups.Count * (w + 1) / workers);
                for (int g = from; g < to && Compare(differences, groups[g], decided, separations, MaxRefinements); g++)
                {
                    shared?.Advance(Decided(groups[g], decided));
                }
            });
        }
    }

    /// <summary>How many of a group's positions it decided (the worker that measured it alone writes them).</summary>
    private static int Decided(int[] positions, bool[] decided)
    {
        int count = 0;
        foreach (int k in positions)
        {
            count += decided[k] ? 1 : 0;
        }

        return count;
    }

    private GroupedDifferences<T> Differences(Evaluator<T> copy) => new(_plan.Stepping, _objective, copy, _job.Analytic, _label);

    /// <summary>One group's verdicts; a group that does not verify is cut finer, a few times at most.</summary>
    /// <param name="positions">Positions into the job's indices, in increasing order.</param>
    /// <param name="separations">The separations the group's members agree modulo.</param>
    /// <returns>False when the group's evidence was abandoned: no verdict of this tensor's groups stands.</returns>
    private bool Compare(GroupedDifferences<T> differences, int[] positions, bool[] decided, int[] separations, int refinements)
    {
        var members = new int[positions.Length];
        for (int j = 0; j < positions.Length; j++)
        {
            members[j] = _job.Indices[positions[j]];
        }

        if (differences.Measure(members) is not { } group)
        {
            if (refinements > 0)
            {
                var finer = separations.Select((separation, d) => (int)Math.Min(2L * separation, _job.Shape[d])).ToArray();
                var parts = GroupPlan.Refine(positions, _job.Indices, _job.Shape, separations);
                foreach (var part in parts.Count == 1 && parts[0].Length == positions.Length ? [] : parts)
                {
                    if (!Compare(differences, part, decided, finer, refinements - 1))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        if (Judge(group) is not { } outcomes)
        {
            _abandoned = true;
            return false;
        }

        for (int j = 0; j < positions.Length; j++)
        {
            if (outcomes[j] is { } outcome)
            {
                _job.Outcomes[positions[j]] = outcome;
                decided[positions[j]] = true;
            }
        }

        return true;
    }

    /// <summary>
    /// Each member's verdict where the group's evidence gives it (null where the member must be compared alone), or
    /// null when the group's evidence was abandoned. The first opinions come from ±h alone; when many members need more
    /// (a wide layer's ~1% whose rounding the first opinion underestimates), their further evidence comes from the group
    /// too, and when many of those ask for the Taylor test's smaller steps, those steps as well.
    /// </summary>
    private ElementOutcome?[]? Judge(MeasuredGroup<T> group)
    {
        var outcomes = new ElementOutcome?[group.Count];
        var needMore = new List<int>();
        var firstOnly = new DerivativeEvidence(new FirstOpinionOnly(), Precision.Epsilon<T>()) { TypicalGradient = _job.Typical };
        for (int j = 0; j < group.Count; j++)
        {
            if (group.Moves(j))
            {
                outcomes[j] = Judge(firstOnly, group, j);
                if (outcomes[j] is null)
                {
                    needMore.Add(j);
                }
            }
        }

        if (needMore.Count * AloneFurtherCost <= GroupFurtherSteps * group.EvaluationsPerStep)
        {
            return outcomes;
        }

        var further = group.Further();
        var smaller = new List<int>();
        foreach (int j in needMore)
        {
            var evidence = new DerivativeEvidence(further.For(j), Precision.Epsilon<T>()) { TypicalGradient = _job.Typical };
            outcomes[j] = Judge(evidence, group, j);
            if (evidence.Missing == Missing.Abandoned)
            {
                return null;
            }

            if (evidence.Missing == Missing.SmallerStep)
            {
                smaller.Add(j);
            }
        }

        // Judged again, a member reads the same samples: the group's are kept, and its own evidence starts afresh.
        if (smaller.Count * AloneTaylorCost > further.UnmeasuredTaylorPairs() * group.EvaluationsPerStep)
        {
            further.ServeSmallerSteps();
            foreach (int j in smaller)
            {
                var evidence = new DerivativeEvidence(further.For(j), Precision.Epsilon<T>()) { TypicalGradient = _job.Typical };
                outcomes[j] = Judge(evidence, group, j);
                if (evidence.Missing == Missing.Abandoned)
                {
                    return null;
                }
            }
        }

        return outcomes;
    }

    /// <summary>Member <paramref name="j"/>'s verdict, or null when its judge asked for evidence <paramref name="evidence"/> did not give.</summary>
    private ElementOutcome? Judge(DerivativeEvidence evidence, MeasuredGroup<T> group, int j)
    {
        var first = new FirstStep(group.Nominal(j), group.Analytic(j), group.AtFirstStep(j, +1), group.AtFirstStep(j, -1), group.Origin(j));
        FiniteDifferences<T>.Estimate(_plan.Stepping.Scheme, evidence, first, _job.Scale, _job.ValueScale);
        return _plan.Judge.Judge(evidence);
    }
}
