namespace GradAssert.Cases;

/// <summary>
/// What a <c>[GradientCheck]</c> attribute asks of the property engine, before the environment has its say. For the
/// authors of test-framework adapters; tests use the attribute.
/// </summary>
/// <param name="Cases">How many cases to run; at least 1. Null when the attribute does not say: the assembly's
/// <see cref="GradientCheckDefaultsAttribute.Cases"/>, or <see cref="DefaultCases"/>.</param>
/// <param name="Seed">The test's seed, or null for the default (a stable hash of the test's full name).</param>
/// <param name="Replay">A replay token <c>"seed:case:cases"</c> (<c>"seed:case:cases:float"</c> for one type argument of a
/// generic test) from a failure message, or null.</param>
public sealed record GradientPropertySettings(int? Cases = null, int? Seed = null, string? Replay = null)
{
    /// <summary>
    /// The one case to run (numbered from 0) of the run that <see cref="Seed"/> and <see cref="Cases"/> describe, as a
    /// replay token would, the environment ignored; null to run them all. The attribute's quote-free form of a replay.
    /// </summary>
    public int? ReplayCase { get; init; }

    /// <summary>
    /// The command line that runs one test again under the runner in use, given the test method's full name
    /// (<c>Namespace.Class.Method</c>, quoted for a POSIX shell where it needs it); the failure's replay line prints it
    /// after <c>GRADASSERT_REPLAY=…</c>. Null for VSTest's <c>dotnet test --filter FullyQualifiedName=…</c>. An adapter
    /// whose tests can run under Microsoft Testing Platform sets it when they do.
    /// </summary>
    public Func<string, string>? ReplayCommand { get; init; }

    /// <summary>The check settings the test's attribute sets (tolerance, step, mode, …), or null.</summary>
    public CheckSettings? Check { get; init; }

    /// <summary>The test assembly's <see cref="GradientCheckDefaultsAttribute"/>, or null.</summary>
    public GradientCheckDefaultsAttribute? AssemblyDefaults { get; init; }

    /// <summary>
    /// Where a check that runs long (over ten seconds) writes a line every ten seconds saying what it is comparing and
    /// how far it is; the adapters pass the test's output. Null (quiet) unless set. Checks that set their own
    /// <see cref="GradCheckOptions.Progress"/> keep it.
    /// </summary>
    public Action<string>? Progress { get; init; }

    /// <summary>How long a case runs before <see cref="Progress"/> hears of it, and how often after that (ten seconds; shorter in tests).</summary>
    internal TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The number of cases when the attribute does not say.</summary>
    public const int DefaultCases = 20;

    /// <summary>The environment variable that replaces the test's seed for every test in the run.</summary>
    public const string SeedVariable = "GRADASSERT_SEED";

    /// <summary>
    /// The environment variable whose replay token (<c>"seed:case:cases"</c>, as a failure message prints it) makes every
    /// test it names run exactly that one case: every test the run selects, or with <c>:float</c> or <c>:double</c> at its
    /// end only the tests of that type argument. A <see cref="Replay"/> or <see cref="ReplayCase"/> on the attribute wins.
    /// </summary>
    public const string ReplayVariable = "GRADASSERT_REPLAY";

    /// <summary>The environment variable whose integer (<c>50</c>) replaces every test's case count, or whose factor (<c>4x</c>, <c>0.5x</c>) scales it.</summary>
    public const string CasesVariable = "GRADASSERT_CASES";
}
