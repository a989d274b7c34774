using System.Globalization;

namespace GradAssert.Cases;

/// <summary>
/// Names one case exactly: <c>"testSeed:case:cases"</c>. The test seed and the case index give the case seed; the
/// number of cases in the run gives the case's size. A failure message prints it for <c>Replay = "…"</c>.
/// </summary>
/// <param name="TestSeed">The test seed of the run.</param>
/// <param name="Case">The case's index, from 0.</param>
/// <param name="Cases">The number of cases in the run.</param>
internal sealed record ReplayToken(int TestSeed, int Case, int Cases)
{
    public static ReplayToken Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().Split(':');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int cases)
            && cases >= 1 && index < cases)
        {
            return new ReplayToken(seed, index, cases);
        }

        throw new FormatException(
            $"Replay = \"{text}\" is not a replay token: expected \"testSeed:case:cases\" (for example \"1234:7:20\", case 7 of 20), as a failure message prints it.");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TestSeed}:{Case}:{Cases}");
}
