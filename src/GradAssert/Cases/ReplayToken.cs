using System.Globalization;

namespace GradAssert.Cases;

/// <summary>
/// Names one case exactly: <c>"testSeed:case:cases"</c>, and <c>"testSeed:case:cases:float"</c> for one test of a
/// generic method. The test seed and the case index give the case seed; the number of cases in the run gives the
/// case's size; the type argument, when given, picks the one test of a generic method the token replays (the tests
/// of its other type arguments run as usual, with their own seeds). A failure message prints it for
/// <c>GRADASSERT_REPLAY</c>, and <c>Replay = "…"</c> takes it too. It holds no quote and no backslash, so it reads the
/// same in every report format (xUnit's TRX writes a quote as <c>\"</c>).
/// </summary>
/// <param name="TestSeed">The test seed of the run.</param>
/// <param name="Case">The case's index, from 0.</param>
/// <param name="Cases">The number of cases in the run.</param>
/// <param name="TypeArgument">The type argument of the generic test it replays (<c>float</c>, <c>double</c>), or null for any test.</param>
internal sealed record ReplayToken(int TestSeed, int Case, int Cases, string? TypeArgument = null)
{
    /// <param name="text">The token.</param>
    /// <param name="source">Where it was written, for the message when it is not a token (<c>Replay = "…"</c>, <c>GRADASSERT_REPLAY=…</c>).</param>
    public static ReplayToken Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().Split(':');
        if (parts.Length is 3 or 4
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int cases)
            && cases >= 1 && index < cases
            && (parts.Length == 3 || parts[3] is "float" or "double"))
        {
            return new ReplayToken(seed, index, cases, parts.Length == 4 ? parts[3] : null);
        }

        throw new FormatException(
            $"{source ?? $"Replay = \"{text}\""} is not a replay token: expected \"testSeed:case:cases\" (for example \"1234:7:20\", case 7 of 20), "
            + "or \"testSeed:case:cases:float\" for one type argument of a generic test, as a failure message prints it.");
    }

    /// <summary>Whether the token replays the test named <paramref name="testName"/>: any test when it names no type argument.</summary>
    /// <param name="testName">The test's full name; a generic test's ends with its type argument (<c>Dense_backward&lt;float&gt;</c>).</param>
    public bool Replays(string testName) => TypeArgument is null || TypeArgumentOf(testName) == TypeArgument;

    /// <summary>The type argument a generic test's full name ends with (<c>float</c> for <c>Dense_backward&lt;float&gt;</c>), or null.</summary>
    public static string? TypeArgumentOf(string testName) =>
        testName.EndsWith('>') && testName.LastIndexOf('<') is > 0 and var open ? testName[(open + 1)..^1] : null;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TestSeed}:{Case}:{Cases}") + (TypeArgument is null ? string.Empty : ":" + TypeArgument);
}
