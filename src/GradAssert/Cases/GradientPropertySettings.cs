namespace GradAssert.Cases;

/// <summary>
/// What a <c>[GradientCheck]</c> attribute asks of the property engine, before the environment has its say. For the
/// authors of test-framework adapters; tests use the attribute.
/// </summary>
/// <param name="Cases">How many cases to run; at least 1. Null when the attribute does not say: the assembly's
/// <see cref="GradientCheckDefaultsAttribute.Cases"/>, or <see cref="DefaultCases"/>.</param>
/// <param name="Seed">The test's seed, or null for the default (a stable hash of the test's full name).</param>
/// <param name="Replay">A replay token <c>"seed:case:cases"</c> from a failure message, or null.</param>
public sealed record GradientPropertySettings(int? Cases = null, int? Seed = null, string? Replay = null)
{
    /// <summary>The check settings the test's attribute sets (tolerance, step, mode, …), or null.</summary>
    public CheckSettings? Check { get; init; }

    /// <summary>The test assembly's <see cref="GradientCheckDefaultsAttribute"/>, or null.</summary>
    public GradientCheckDefaultsAttribute? AssemblyDefaults { get; init; }

    /// <summary>The number of cases when the attribute does not say.</summary>
    public const int DefaultCases = 20;

    /// <summary>The environment variable that replaces the test's seed for every test in the run.</summary>
    public const string SeedVariable = "GRADASSERT_SEED";

    /// <summary>The environment variable whose integer (<c>50</c>) replaces every test's case count, or whose factor (<c>4x</c>, <c>0.5x</c>) scales it.</summary>
    public const string CasesVariable = "GRADASSERT_CASES";
}
