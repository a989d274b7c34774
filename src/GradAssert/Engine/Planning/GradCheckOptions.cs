using GradAssert.Engine.Planning;

namespace GradAssert;

/// <summary>Settings of a gradient check. The defaults are right for float and double; change them only with a reason.</summary>
public sealed record GradCheckOptions
{
    /// <summary>The options every check uses when none are given.</summary>
    public static GradCheckOptions Default { get; } = new();

    private readonly int _directions = 3;
    private readonly int _parallelism = 1;

    // The settings an attribute or the assembly's defaults may give: null while the code has not set them, so that a
    // setting the code set to the library's default still wins over theirs.
    private readonly Tolerance? _tolerance;
    private readonly StepSize? _step;
    private readonly DifferenceScheme? _scheme;
    private readonly CheckMode? _mode;
    private readonly int? _maxElements;

    /// <summary>
    /// Seeds every random draw of the check (the upstream gradient of each layer, the probe inputs). Null, the default,
    /// means the seed of the running <c>[GradientCheck]</c> case, or 0 outside a case; setting any other option leaves
    /// that choice alone. The report's <c>Seed</c> says which seed was used.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>How mismatches are judged; <see cref="Tolerance.Auto"/> (the error model) unless set.</summary>
    public Tolerance Tolerance
    {
        get => _tolerance ?? Tolerance.Auto;
        init => _tolerance = value ?? throw new ArgumentNullException(nameof(Tolerance));
    }

    /// <summary>The finite-difference step; <see cref="StepSize.Auto"/> unless set.</summary>
    public StepSize Step
    {
        get => _step ?? StepSize.Auto;
        init => _step = value ?? throw new ArgumentNullException(nameof(Step));
    }

    /// <summary>The finite-difference stencil; <see cref="DifferenceScheme.Central"/> unless set.</summary>
    public DifferenceScheme Scheme
    {
        get => _scheme ?? DifferenceScheme.Central;
        init => _scheme = value;
    }

    /// <summary>Element-wise, directional, or the default mix; see <see cref="CheckMode"/>.</summary>
    public CheckMode Mode
    {
        get => _mode ?? CheckMode.Auto;
        init => _mode = value;
    }

    /// <summary>
    /// What the backward pass is compared with: by default the exact reference of dual numbers through the layer's own
    /// generic code where the layer carries to the dual type, finite differences elsewhere
    /// (<see cref="GradAssert.Reference.Auto"/>); or finite differences only
    /// (<see cref="GradAssert.Reference.Differences"/>), only the exact one (<see cref="GradAssert.Reference.Exact"/>),
    /// or both (<see cref="GradAssert.Reference.Both"/>). Each row's <see cref="TensorCheck.Reference"/> says which
    /// judged it. The exact reference judges each layer checked alone (one input tensor or several named ones); a
    /// model's end-to-end rows stay with differences and say so.
    /// </summary>
    public Reference Reference { get; init; } = Reference.Auto;

    /// <summary>How many random directions a directional comparison takes per tensor (at least 1; 3 by default).</summary>
    public int Directions
    {
        get => _directions;
        init => _directions = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Directions), value, "At least one direction is needed.");
    }

    /// <summary>
    /// In the default mode, a tensor with more elements than this is checked on a seeded sample of this many: its
    /// largest-magnitude analytic gradients (a quarter of the sample) and a random choice of the rest. The report says
    /// so (<c>10000 of 65536</c>, "passed on a sample"). <see cref="CheckMode.Full"/> never samples. 1,000,000 unless
    /// set: with <see cref="Grouping"/>, every element of a tensor up to a million elements is checked. The sample
    /// limits finite differences only: where the exact reference judges a row, it compares every element.
    /// </summary>
    public int MaxElements
    {
        get => _maxElements ?? 1_000_000;
        init => _maxElements = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxElements), value, "At least one element must be checked.");
    }

    /// <summary>
    /// Whether element-wise comparisons take the first opinion (±h) of elements that move disjoint outputs together:
    /// one pair of evaluations moves a whole group, and each output's change is read back to the one element that moved
    /// it. The grouping is discovered by the check and verified output by output on every group; an element whose outputs
    /// a group cannot tell apart, or whose first opinion does not pass, is compared alone exactly as with this off. On by
    /// default; off compares every element alone (the slow reference, for comparison).
    /// </summary>
    public bool Grouping { get; init; } = true;

    /// <summary>
    /// Builds the layer or model under check again, for parallel checks (<see cref="Parallelism"/> above 1) of layers
    /// that do not implement <see cref="ICloneableLayer{T}"/>: each extra thread checks the leaf of its own build that
    /// has the same label. A test that builds its model from a seed already has this:
    /// <c>LayerFactory = () => BuildModel(seed)</c>. Every copy is verified before it is used (the same parameter names,
    /// shapes and bits, in storage of its own, and the same output bits on the check's input); the report is bitwise
    /// the one of a serial check. Null unless set.
    /// </summary>
    public Func<object>? LayerFactory { get; init; }

    /// <summary>
    /// How many threads element-wise comparisons may use for layers that implement <see cref="ICloneableLayer{T}"/>, or
    /// for any layer when <see cref="LayerFactory"/> is set (each thread perturbs its own copy). 1, serial, unless set; <c>Environment.ProcessorCount</c> uses every core.
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
    /// same is tested along its own gradient: a first-order remainder fails a borderline pass, and remainders that bound
    /// the first-order term within a third of the tolerance a borderline failure failed clear it (within that tolerance,
    /// never a wider one). The report names every element and tensor that got it (<see cref="TensorCheck.TaylorTests"/>).
    /// On by default. The end-to-end rows of a model whose layers are also checked alone get none, nor does a tensor with
    /// elements at kinks along its gradient: kinks there read as first order on correct code.
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
    /// big one. In a parallel check (<see cref="Parallelism"/> above 1) the elements count across the threads and the
    /// reports come from them, one at a time, each tensor's counts increasing. Null (no reports) unless set.
    /// </summary>
    public IProgress<CheckProgress>? Progress { get; init; }

    /// <summary>
    /// Called before every Forward the check makes (of the layer, and of each layer of a model on its own), to put hidden
    /// state back: reseed a dropout's generator, reset an iteration counter. For state the layer can capture itself,
    /// implement <see cref="IStatefulLayer"/> instead. Null (nothing is called) unless set.
    /// </summary>
    public Action? ResetState { get; init; }

    /// <summary>
    /// Stops the check: set by the entry points from the token they are given (or the running <c>[GradientCase]</c>'s);
    /// every evaluation of the layer looks at it first.
    /// </summary>
    internal CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Settings for single layers or tensors that differ from these (a wider tolerance for a layer known to lose
    /// precision, one tensor checked along directions). Empty unless set; the report's header lists the ones that applied.
    /// </summary>
    public IReadOnlyList<CheckOverride> Overrides { get; init; } = [];

    /// <summary>
    /// Where settings came from when not from the code that built these options (an attribute, assembly-wide defaults),
    /// by setting name, for the report's header. Empty for options built in code.
    /// </summary>
    internal SettingSources Sources { get; init; } = SettingSources.None;

    /// <summary>These options for one tensor: with the overrides that match it applied, in order.</summary>
    internal GradCheckOptions For(string layer, string tensor)
    {
        var options = this;
        foreach (var o in Overrides.Where(o => o.Matches(layer, tensor)))
        {
            options = options with
            {
                Tolerance = o.Tolerance ?? options.Tolerance,
                Step = o.Step ?? options.Step,
                Scheme = o.Scheme ?? options.Scheme,
                Mode = o.Mode ?? options.Mode,
            };
        }

        return options;
    }

    /// <summary>
    /// These options, with each setting their code did not set taken from <paramref name="defaults"/> (an attribute's or
    /// the test assembly's settings) together with its source: a setting the code set wins, also when the code set it
    /// to the library's default.
    /// </summary>
    internal GradCheckOptions Under(GradCheckOptions defaults)
    {
        var (options, sources, from) = (this, Sources, defaults.Sources);
        if (_tolerance is null && defaults._tolerance is { } tolerance)
        {
            (options, sources) = (options with { Tolerance = tolerance }, sources with { Tolerance = from.Tolerance });
        }

        if (_step is null && defaults._step is { } step)
        {
            (options, sources) = (options with { Step = step }, sources with { Step = from.Step });
        }

        if (_scheme is null && defaults._scheme is { } scheme)
        {
            (options, sources) = (options with { Scheme = scheme }, sources with { Scheme = from.Scheme });
        }

        if (_mode is null && defaults._mode is { } mode)
        {
            (options, sources) = (options with { Mode = mode }, sources with { Mode = from.Mode });
        }

        if (_maxElements is null && defaults._maxElements is { } most)
        {
            (options, sources) = (options with { MaxElements = most }, sources with { MaxElements = from.MaxElements });
        }

        return options with { Sources = sources };
    }

    /// <summary>The seed the engine draws from: set by the entry points before a check runs.</summary>
    internal int ResolvedSeed => Seed ?? 0;

    /// <summary>The line a report prints to reproduce this check.</summary>
    internal string ReplayText => $"new GradCheckOptions {{ Seed = {ResolvedSeed} }}";
}
