namespace GradAssert;

/// <summary>What a <c>[GradientCheck]</c> attribute asks for, before the environment has its say.</summary>
/// <param name="Cases">How many cases to run; at least 1.</param>
/// <param name="Seed">The test's seed, or null for the default (a stable hash of the test's full name).</param>
/// <param name="Replay">A replay token <c>"seed:case:cases"</c> from a failure message, or null.</param>
internal sealed record GradientCheckSettings(int Cases, int? Seed, string? Replay)
{
    /// <summary>The number of cases when the attribute does not say.</summary>
    public const int DefaultCases = 20;

    /// <summary>Replaces the test's seed for every test in the run.</summary>
    public const string SeedVariable = "GRADASSERT_SEED";

    /// <summary>An integer (<c>50</c>) replaces every test's case count; a factor (<c>4x</c>, <c>0.5x</c>) scales it.</summary>
    public const string CasesVariable = "GRADASSERT_CASES";
}
