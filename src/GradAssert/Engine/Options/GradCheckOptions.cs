namespace GradAssert;

/// <summary>Settings of a gradient check. The defaults are right for float and double; change them only with a reason.</summary>
public sealed record GradCheckOptions
{
    /// <summary>The options every check uses when none are given.</summary>
    public static GradCheckOptions Default { get; } = new();

    private readonly int _directions = 3;
    private readonly int _maxElements = 10_000;
    private readonly int _parallelism = 1;

    /// <summary>
    /// Seeds every random draw of the check (the upstream gradient of each layer, the probe inputs). Null, the default,
    /// means the seed of the running <c>[GradientCheck]</c> case, or 0 outside a case; setting any other option leaves
    /// that choice alone. The report's <c>Seed</c> says which seed was used.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>How mismatches are judged; <see cref="Tolerance.Auto"/> (the error model) unless set.</summary>
    public Tolerance Tolerance { get; init; } = Tolerance.Auto;

    /// <summary>The finite-difference step; <see cref="StepSize.Auto"/> unless set.</summary>
    public StepSize Step { get; init; } = StepSize.Auto;

    /// <summary>The finite-difference stencil; <see cref="DifferenceScheme.Central"/> unless set.</summary>
    public DifferenceScheme Scheme { get; init; } = DifferenceScheme.Central;

    /// <summary>Element-wise, directional, or the default mix; see <see cref="CheckMode"/>.</summary>
    public CheckMode Mode { get; init; } = CheckMode.Auto;

    /// <summary>How many random directions a directional comparison takes per tensor (at least 1; 3 by default).</summary>
    public int Directions
    {
        get => _directions;
        init => _directions = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Directions), value, "At least one direction is needed.");
    }

    /// <summary>
    /// In the default mode, a tensor with more elements than this is checked on a seeded sample of this many: its
    /// largest-magnitude analytic gradients (a quarter of the sample) and a random choice of the rest. The report says
    /// so (<c>10000 of 65536</c>). <see cref="CheckMode.Full"/> never samples. 10,000 unless set.
    /// </summary>
    public int MaxElements
    {
        get => _maxElements;
        init => _maxElements = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxElements), value, "At least one element must be checked.");
    }

    /// <summary>
    /// How many threads element-wise comparisons may use for layers that implement <see cref="ICloneableLayer{T}"/>
    /// (each thread perturbs its own clone). 1, serial, unless set; <c>Environment.ProcessorCount</c> uses every core.
    /// The report is bitwise the same whatever the value.
    /// </summary>
    public int Parallelism
    {
        get => _parallelism;
        init => _parallelism = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Parallelism), value, "Parallelism must be at least 1.");
    }

    /// <summary>
    /// Whether an element (or direction) whose verdict lands near its tolerance, a pass from a tenth of it or a failure
    /// up to ten times it, gets the Taylor remainder test as a second opinion, and a tensor whose worst element does the
    /// same is tested along its own gradient: a first-order remainder fails a borderline pass, and remainders that
    /// resolve no first-order term as large as a borderline failure claimed clear it. The report names every element and
    /// tensor that got it (<see cref="TensorCheck.TaylorTests"/>). On by default.
    /// </summary>
    public bool SecondOpinion { get; init; } = true;

    /// <summary>
    /// Whether to probe the layer contract before comparing gradients (deterministic forward, untouched input,
    /// no NaN or Inf, gradient shapes, no stale cache, parameters unchanged by backward). On by default.
    /// </summary>
    public bool ProbeContract { get; init; } = true;

    /// <summary>
    /// Whether Backward must add into the parameter gradients rather than overwrite them, as layers used with gradient
    /// accumulation (shared weights, several micro-batches) must: when on, two Backward calls after one Forward must give
    /// twice the gradient. Off by default.
    /// </summary>
    public bool ExpectAccumulation { get; init; }

    /// <summary>
    /// Whether a <see cref="Sequential{T}"/> is also checked layer by layer, which lets the report blame the layer
    /// whose own backward is wrong. On by default.
    /// </summary>
    public bool CheckLayers { get; init; } = true;

    /// <summary>
    /// Receives progress while a check runs: at the start and end of each tensor, and every few hundred elements of a
    /// big one. Null (no reports) unless set.
    /// </summary>
    public IProgress<CheckProgress>? Progress { get; init; }

    /// <summary>The seed the engine draws from: set by the entry points before a check runs.</summary>
    internal int ResolvedSeed => Seed ?? 0;

    /// <summary>The line a report prints to reproduce this check.</summary>
    internal string ReplayText => $"new GradCheckOptions {{ Seed = {ResolvedSeed} }}";
}
