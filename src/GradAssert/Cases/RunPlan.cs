using System.Globalization;

namespace GradAssert.Cases;

/// <summary>
/// The cases a run executes, once the attribute and the environment are combined. Precedence: a replay on the
/// attribute (a token, or <c>ReplayCase</c> with the attribute's seed and count) runs exactly its one case and ignores
/// the environment; then a token in <c>GRADASSERT_REPLAY</c> does the same; otherwise <c>GRADASSERT_SEED</c> replaces the
/// attribute's seed (or the default), and <c>GRADASSERT_CASES</c> replaces (<c>50</c>) or scales (<c>4x</c>, rounded up)
/// the case count. A token that names a type argument replays only the test of that type argument: the others run as
/// if it were not there.
/// </summary>
/// <param name="TestSeed">The seed every case seed derives from.</param>
/// <param name="Cases">The number of cases in the run; sizes grow over this many.</param>
/// <param name="First">The first case to run.</param>
/// <param name="Last">The last case to run.</param>
/// <param name="SeedSource">Where the seed came from, for the message.</param>
/// <param name="CasesSource">Where the case count came from, for the message.</param>
/// <param name="IsReplay">True when the plan replays one case from a token.</param>
internal sealed record RunPlan(int TestSeed, int Cases, int First, int Last, string SeedSource, string CasesSource, bool IsReplay = false)
{
    /// <summary>The <see cref="CasesSource"/> of a count the test's attribute gave (or the default): not worth a word.</summary>
    public const string AttributeCases = "attribute";

    public static RunPlan Resolve(string testName, GradientPropertySettings settings, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        int attributeCases = settings.Cases ?? settings.AssemblyDefaults?.CasesIfSet ?? GradientPropertySettings.DefaultCases;
        if (attributeCases < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), attributeCases, $"[GradientCheck] on {testName} needs Cases >= 1, but got {attributeCases}.");
        }

        if (!string.IsNullOrWhiteSpace(settings.Replay) && settings.ReplayCase is not null)
        {
            throw new ArgumentException(
                $"[GradientCheck] on {testName} sets both Replay and ReplayCase; set one: Replay = \"seed:case:cases\", or Seed, Cases and ReplayCase.", nameof(settings));
        }

        if (!string.IsNullOrWhiteSpace(settings.Replay) && ReplayToken.Parse(settings.Replay) is var token && token.Replays(testName))
        {
            return Replay(token, "replay");
        }

        if (settings.ReplayCase is int replayCase)
        {
            if (replayCase < 0 || replayCase >= attributeCases)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(settings), replayCase, $"[GradientCheck] on {testName} sets ReplayCase = {replayCase}, which is not a case of its run of {attributeCases} (cases are numbered from 0).");
            }

            return Replay(new ReplayToken(settings.Seed ?? CaseSeeds.ForTest(testName), replayCase, attributeCases), "replay");
        }

        if (environment(GradientPropertySettings.ReplayVariable) is { } variable && !string.IsNullOrWhiteSpace(variable)
            && ReplayToken.Parse(variable, $"{GradientPropertySettings.ReplayVariable}={variable}") is var fromEnvironment && fromEnvironment.Replays(testName))
        {
            return Replay(fromEnvironment, GradientPropertySettings.ReplayVariable);
        }

        var (seed, seedSource) = ResolveSeed(testName, settings, environment(GradientPropertySettings.SeedVariable));
        var (cases, casesSource) = ResolveCases(attributeCases, environment(GradientPropertySettings.CasesVariable));
        if (settings.Cases is null && settings.AssemblyDefaults?.CasesIfSet is not null && casesSource == AttributeCases)
        {
            casesSource = "[assembly: GradientCheckDefaults]";
        }

        return new RunPlan(seed, cases, 0, cases - 1, seedSource, casesSource);
    }

    private static RunPlan Replay(ReplayToken token, string source) =>
        new(token.TestSeed, token.Cases, token.Case, token.Case, source, source, IsReplay: true);

    private static (int Seed, string Source) ResolveSeed(string testName, GradientPropertySettings settings, string? variable)
    {
        if (!string.IsNullOrWhiteSpace(variable))
        {
            if (!int.TryParse(variable.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int fromEnvironment))
            {
                throw new InvalidOperationException(
                    $"{GradientPropertySettings.SeedVariable} must be an integer, but is '{variable}'.");
            }

            return (fromEnvironment, GradientPropertySettings.SeedVariable);
        }

        return settings.Seed is int fromAttribute
            ? (fromAttribute, "Seed on the attribute")
            : (CaseSeeds.ForTest(testName), "default for this test");
    }

    private static (int Cases, string Source) ResolveCases(int fromAttribute, string? variable)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return (fromAttribute, AttributeCases);
        }

        string text = variable.Trim();
        if (text.EndsWith('x') || text.EndsWith('X'))
        {
            if (double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) && factor > 0 && double.IsFinite(factor))
            {
                return ((int)Math.Clamp(Math.Ceiling(fromAttribute * factor), 1, 1_000_000), $"{GradientPropertySettings.CasesVariable}={text}");
            }
        }
        else if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) && count >= 1)
        {
            return (count, $"{GradientPropertySettings.CasesVariable}={text}");
        }

        throw new InvalidOperationException(
            $"{GradientPropertySettings.CasesVariable} must be a count such as '50' (replaces the attribute's Cases) or a factor such as '4x' (multiplies it), but is '{variable}'.");
    }
}
