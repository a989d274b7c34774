// The check settings of [GradientCheck] in every adapter and of [assembly: GradientCheckDefaults], in one place: each
// adapter compiles this file into its own attribute (its project defines which one), so the four attributes and the
// assembly-wide one offer the same names with the same meaning.
#if GRADASSERT_XUNIT2
using GradAssert.Cases;

namespace GradAssert.Xunit;

public sealed partial class GradientCheckAttribute
#elif GRADASSERT_XUNIT3
using GradAssert.Cases;

namespace GradAssert.Xunit.v3;

public sealed partial class GradientCheckAttribute
#elif GRADASSERT_NUNIT
using GradAssert.Cases;

namespace GradAssert.NUnit;

public sealed partial class GradientCheckAttribute
#elif GRADASSERT_MSTEST
using GradAssert.Cases;

namespace GradAssert.MSTest;

public sealed partial class GradientCheckAttribute
#else
using GradAssert.Cases;

namespace GradAssert;

public sealed partial class GradientCheckDefaultsAttribute
#endif
{
    // Null means "not set here": the next place down (the assembly's defaults, then the library's) decides. Attribute
    // properties cannot be nullable, so each reads as the value in force when it is not set.
    private int? _cases, _maxElements;
    private double? _safetyFactor, _absolute, _relative, _threshold, _step;
    private CheckMode? _mode;
    private DifferenceScheme? _scheme;

    /// <summary>
    /// How many cases to run; 20 unless set (on a test, the assembly's <c>GradientCheckDefaults</c> count unless set).
    /// </summary>
    public int Cases
    {
        get => _cases ?? GradientPropertySettings.DefaultCases;
        set => _cases = value;
    }

    /// <summary>
    /// Judge with the error model and this safety factor (<c>Tolerance.ErrorModel(factor)</c>): a wider margin for
    /// layers that lose precision honestly. Set one tolerance rule at most: this, <see cref="Threshold"/>, or
    /// <see cref="AbsoluteTolerance"/> with <see cref="RelativeTolerance"/>.
    /// </summary>
    public double SafetyFactor
    {
        get => _safetyFactor ?? 0;
        set => _safetyFactor = value;
    }

    /// <summary>Judge with allclose, |g − n| ≤ atol + rtol·|n| (<c>Tolerance.AllClose</c>): this is atol, 0 unless set.</summary>
    public double AbsoluteTolerance
    {
        get => _absolute ?? 0;
        set => _absolute = value;
    }

    /// <summary>Judge with allclose, |g − n| ≤ atol + rtol·|n| (<c>Tolerance.AllClose</c>): this is rtol, 0 unless set.</summary>
    public double RelativeTolerance
    {
        get => _relative ?? 0;
        set => _relative = value;
    }

    /// <summary>Judge with the course's rule, a normalized difference below this threshold (<c>Tolerance.NormalizedDifference</c>).</summary>
    public double Threshold
    {
        get => _threshold ?? 0;
        set => _threshold = value;
    }

    /// <summary>A fixed finite-difference step (<c>StepSize.Fixed</c>) instead of the automatic one.</summary>
    public double Step
    {
        get => _step ?? 0;
        set => _step = value;
    }

    /// <summary>Element-wise, directional, or the default mix (<c>GradCheckOptions.Mode</c>).</summary>
    public CheckMode Mode
    {
        get => _mode ?? CheckMode.Auto;
        set => _mode = value;
    }

    /// <summary>The finite-difference stencil (<c>GradCheckOptions.Scheme</c>).</summary>
    public DifferenceScheme Scheme
    {
        get => _scheme ?? DifferenceScheme.Central;
        set => _scheme = value;
    }

    /// <summary>The sampling limit of the default mode (<c>GradCheckOptions.MaxElements</c>).</summary>
    public int MaxElements
    {
        get => _maxElements ?? 0;
        set => _maxElements = value;
    }

    /// <summary>The check settings that were set here.</summary>
    internal CheckSettings CheckSettings => new()
    {
        SafetyFactor = _safetyFactor,
        AbsoluteTolerance = _absolute,
        RelativeTolerance = _relative,
        Threshold = _threshold,
        Step = _step,
        Mode = _mode,
        Scheme = _scheme,
        MaxElements = _maxElements,
    };
#if GRADASSERT_XUNIT2 || GRADASSERT_XUNIT3 || GRADASSERT_NUNIT || GRADASSERT_MSTEST

    private int? _seed;

    /// <summary>
    /// The test's seed. Unless set, the seed is a stable hash of the test's full name, the same on every run and machine
    /// (reading this property then returns 0). <c>GRADASSERT_SEED</c> replaces it.
    /// </summary>
    public int Seed
    {
        get => _seed ?? 0;
        set => _seed = value;
    }

    private int? _replayCase;

    /// <summary>
    /// Runs exactly one case, named by a replay token (<c>"testSeed:case:cases"</c>, as <c>GRADASSERT_REPLAY</c> takes it);
    /// <c>"testSeed:case:cases:float"</c> replays only the <c>float</c> test of a generic method. The environment is
    /// ignored. The same as <see cref="Seed"/>, <see cref="Cases"/> and <see cref="ReplayCase"/> together.
    /// </summary>
    public string? Replay { get; set; }

    /// <summary>
    /// Runs exactly this case (numbered from 0) of the run that <see cref="Seed"/> and <see cref="Cases"/> describe, the
    /// environment ignored: a failure message prints <c>[GradientCheck(Seed = 5, Cases = 4, ReplayCase = 2)]</c>, which
    /// needs no quotes. Unless set, every case runs (reading this property then returns -1).
    /// </summary>
    public int ReplayCase
    {
        get => _replayCase ?? -1;
        set => _replayCase = value;
    }

    /// <summary>What this attribute asks of the property engine.</summary>
    internal GradientPropertySettings Settings => new(_cases, _seed, Replay) { Check = CheckSettings, ReplayCase = _replayCase };
#else

    /// <summary>The case count, when set.</summary>
    internal int? CasesIfSet => _cases;
#endif
}
