namespace GradAssert.Fuzz.Reporting;

/// <summary>
/// The list of cases that do not behave as expected, one line each, that the fixed-seed subset in
/// <c>tests/GradAssert.Fuzz.Tests</c> holds the engine to: <c>false-alarm LayerNorm@3e5 correct double seed 2 grouping on</c>,
/// and <c>report-text-differs …</c> for a case whose report text differs between grouping on and off. A ratchet: a fix
/// removes lines, and nothing may add one.
/// </summary>
internal static class Baseline
{
    /// <summary>The lines of <paramref name="results"/>, in run order.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<CaseResult> results)
    {
        var lines = results.Where(r => !r.Outcome.Behaved()).Select(r => $"{r.Outcome.Label()} {r.Key}").ToList();
        foreach (var pair in results.GroupBy(r => r.Key with { Grouping = false }).Where(g => g.Count() == 2))
        {
            if (pair.First().Check?.Text != pair.Last().Check?.Text)
            {
                var key = pair.Key;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"report-text-differs {key.Kind} {key.Variant} {key.Type} seed {key.Seed}"));
            }
        }

        return lines;
    }

    /// <summary>The lines of a baseline file: comments (<c>#</c>) and blank lines left out.</summary>
    public static IReadOnlyList<string> Read(string path) =>
        [.. File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>Writes <paramref name="lines"/> to <paramref name="path"/> under a header saying how they were made.</summary>
    public static void Write(string path, IReadOnlyList<string> lines, string command)
    {
        string[] header =
        [
            "# Cases of the fuzz harness that do not behave as expected, one line each (tests/GradAssert.Fuzz.Tests compares",
            "# the subset with this file both ways: a new line fails the test, and so does a line that now behaves).",
            $"# Written by: {command}",
        ];
        File.WriteAllLines(path, [.. header, .. lines]);
    }

    /// <summary>The lines only in <paramref name="actual"/> (newly misbehaving) and only in <paramref name="baseline"/> (now behaving).</summary>
    public static (IReadOnlyList<string> NewlyMisbehaving, IReadOnlyList<string> NowBehaving) Compare(IReadOnlyList<string> baseline, IReadOnlyList<string> actual)
    {
        var expected = baseline.ToHashSet(StringComparer.Ordinal);
        var seen = actual.ToHashSet(StringComparer.Ordinal);
        return ([.. actual.Where(l => !expected.Contains(l))], [.. baseline.Where(l => !seen.Contains(l))]);
    }
}
