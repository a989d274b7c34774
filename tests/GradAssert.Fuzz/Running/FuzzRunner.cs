using System.Diagnostics;

namespace GradAssert.Fuzz.Running;

/// <summary>
/// Runs every selected case: for each kind, type, variant and seed, finds the tensors a broken variant changes (skipping
/// the case as excluded when none), then checks a fresh build once per grouping setting and classifies the result.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>Runs <paramref name="selection"/>; <paramref name="onCase"/> hears of each case as it ends, <paramref name="onKind"/> of each kind.</summary>
    public static IReadOnlyList<CaseResult> Run(FuzzSelection selection, Action<CaseResult>? onCase = null, Action<string, TimeSpan>? onKind = null)
    {
        var doubles = Catalogue.Kinds<double>().ToDictionary(k => k.Name);
        var floats = Catalogue.Kinds<float>().ToDictionary(k => k.Name);
        var results = new List<CaseResult>();
        foreach (string name in selection.Kinds)
        {
            var watch = Stopwatch.StartNew();
            if (selection.Types.HasFlag(FloatTypes.Double))
            {
                RunKind(doubles[name], selection, results, onCase);
            }

            if (selection.Types.HasFlag(FloatTypes.Float))
            {
                RunKind(floats[name], selection, results, onCase);
            }

            onKind?.Invoke(name, watch.Elapsed);
        }

        return results;
    }

    private static void RunKind<T>(FuzzKind<T> kind, FuzzSelection selection, List<CaseResult> results, Action<CaseResult>? onCase)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!kind.Types.HasFlag(FloatTypeNames.Of<T>()))
        {
            return;
        }

        foreach (string variant in kind.Variants.Where(selection.Includes))
        {
            foreach (int seed in selection.Seeds)
            {
                foreach (var result in Run(kind, variant, seed, selection.Groupings, selection.Reference))
                {
                    results.Add(result);
                    onCase?.Invoke(result);
                }
            }
        }
    }

    /// <summary>
    /// Runs one case of <paramref name="kind"/> with each grouping setting of <paramref name="groupings"/>: a broken
    /// variant is first probed for the tensors its bug changes, and is excluded (not checked) when there are none.
    /// </summary>
    public static IReadOnlyList<CaseResult> Run<T>(FuzzKind<T> kind, string variant, int seed, IReadOnlyList<bool> groupings, Reference reference = Reference.Auto)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool broken = variant != FuzzKind<T>.Correct;
        IReadOnlyList<string> brokenTensors = [];
        CheckResult? probeFailure = null;
        if (broken)
        {
            try
            {
                brokenTensors = GradientProbe.BrokenTensors(kind, variant, seed);
            }
            catch (Exception error)
            {
                probeFailure = CheckResult.Threw(error);
            }
        }

        var results = new List<CaseResult>();
        foreach (bool grouping in groupings)
        {
            var key = new CaseKey(kind.Name, variant, FloatTypeNames.Name<T>(), seed, grouping);
            results.Add(broken && probeFailure is null && brokenTensors.Count == 0
                ? new CaseResult(key, kind.Classes, CaseOutcome.Excluded, null, brokenTensors, 0)
                : Check(kind, key, brokenTensors, probeFailure, reference));
        }

        return results;
    }

    private static CaseResult Check<T>(FuzzKind<T> kind, CaseKey key, IReadOnlyList<string> brokenTensors, CheckResult? probeFailure, Reference reference)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var watch = Stopwatch.StartNew();
        var options = kind.Options with { Seed = key.Seed, Grouping = key.Grouping, Reference = reference };
        var check = probeFailure ?? CheckResult.Of(() => kind.Build(key.Variant, key.Seed).Check(options));
        double milliseconds = watch.Elapsed.TotalMilliseconds;
        bool broken = key.Variant != FuzzKind<T>.Correct;
        return new CaseResult(key, kind.Classes, Classifier.Classify(broken, check, brokenTensors), check, brokenTensors, milliseconds);
    }
}
