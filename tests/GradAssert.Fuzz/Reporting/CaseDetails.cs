namespace GradAssert.Fuzz.Reporting;

/// <summary>A misbehaving case in words, for <c>--verbose</c>: what happened, the first lines of the report or exception, a replay line.</summary>
internal static class CaseDetails
{
    /// <summary>How many lines of the report or exception are shown.</summary>
    public const int ShownLines = 16;

    /// <summary>The description of <paramref name="result"/>.</summary>
    public static string Describe(CaseResult result)
    {
        var text = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{result.Outcome.Label().ToUpperInvariant()}  {result.Key}  ({result.Milliseconds:F0} ms)"),
        };
        if (!result.Correct)
        {
            text.Add($"  the bug changes: {string.Join(", ", result.BrokenTensors)}; failing rows: {string.Join(", ", result.Check?.FailingTensors ?? [])}");
        }

        var lines = (result.Check?.Text ?? string.Empty).Split('\n');
        text.AddRange(lines.Take(ShownLines).Select(l => "  | " + l.TrimEnd()));
        if (lines.Length > ShownLines)
        {
            text.Add(string.Create(CultureInfo.InvariantCulture, $"  | … {lines.Length - ShownLines} more lines"));
        }

        text.Add("  replay: " + result.Key.Replay);
        return string.Join(Environment.NewLine, text);
    }
}
