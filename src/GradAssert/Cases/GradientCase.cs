using System.Globalization;
using System.Numerics;
using GradAssert.Cases;
using GradAssert.Checking;
using GradAssert.Engine.Evidence;

namespace GradAssert;

/// <summary>
/// One generated case of a <c>[GradientCheck]</c> test. Every draw (sizes with <see cref="Dim"/>, tensors with
/// <see cref="Normal{T}"/> and <see cref="Uniform{T}"/>) comes from <see cref="Seed"/> and is recorded, so a failing
/// case can be reported, shrunk and replayed exactly.
/// </summary>
public sealed class GradientCase : ICheckContext
{
    private readonly Rng _rng;
    private readonly List<DimDraw> _dims = [];
    private readonly List<GradientReport> _reports = [];
    private readonly IReadOnlyDictionary<string, int>? _overrides;
    private readonly Lock _recording = new();
    private readonly CaseProgress? _progress;

    /// <summary>Creates a case from its seed, as a replay does. Its sizes may span each <see cref="Dim"/> range in full.</summary>
    /// <param name="seed">The case's seed.</param>
    /// <param name="index">The case's position in its run, for reports.</param>
    public GradientCase(int seed, int index = 0)
        : this(seed, index, 1.0, null)
    {
    }

    /// <param name="size">
    /// The share of each <see cref="Dim"/> range this case may use, in (0, 1]: a size of s draws from
    /// [min, min + ceil(s·(max − min))]. Early cases of a run get small sizes, later ones large sizes.
    /// </param>
    /// <param name="overrides">Sizes to use instead of drawing them, by dimension name (shrinking sets these).</param>
    /// <param name="cancellationToken">Cancelled when the test's time is up.</param>
    /// <param name="progress">Where a long check writes how far it is (the test's output), or null.</param>
    /// <param name="progressEvery">How long a case runs quietly before it writes, and how often after that; ten seconds unless given.</param>
    internal GradientCase(int seed, int index, double size, IReadOnlyDictionary<string, int>? overrides, CancellationToken cancellationToken = default, Action<string>? progress = null, TimeSpan? progressEvery = null)
    {
        if (!(size > 0 && size <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A case's size must be in (0, 1].");
        }

        Seed = seed;
        Index = index;
        Size = size;
        _overrides = overrides;
        CancellationToken = cancellationToken;
        _rng = Rng.For(seed, 0x6361736555UL);
        _progress = progress is null ? null : new CaseProgress(this, progress, progressEvery ?? TimeSpan.FromSeconds(10));
    }

    /// <summary>The seed every draw of this case comes from.</summary>
    public int Seed { get; }

    /// <summary>The case's position in its run (0 for the first).</summary>
    public int Index { get; }

    /// <summary>
    /// Cancelled when the test's time is up (the framework's timeout: xUnit's <c>Timeout</c>, NUnit's
    /// <c>[CancelAfter]</c>, MSTest's <c>[Timeout]</c>); pass it to what an async case awaits. Never cancelled outside a run.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Every size drawn so far, in order.</summary>
    public IReadOnlyList<DimDraw> Dims => _dims;

    /// <summary>The share of each <see cref="Dim"/> range this case may draw from, in (0, 1].</summary>
    internal double Size { get; }

    /// <summary>The settings of the test's attribute and assembly, for its checks; null when none are set.</summary>
    internal GradCheckOptions? Defaults { get; init; }

    /// <inheritdoc cref="Defaults"/>
    GradCheckOptions? ICheckContext.Defaults => Defaults;

    /// <summary>The reports of the checks run while this case was the running one, in order.</summary>
    internal IReadOnlyList<GradientReport> Reports
    {
        get
        {
            lock (_recording)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>Draws a size between <paramref name="min"/> and <paramref name="max"/> inclusive. Shrinking moves it toward <paramref name="min"/>.</summary>
    /// <param name="name">A name for reports and shrinking; a name drawn twice in one case returns the first value.</param>
    /// <param name="min">The smallest size, zero or more.</param>
    /// <param name="max">The largest size, at least <paramref name="min"/>.</param>
    public int Dim(string name, int min, int max)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (min < 0 || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Dim '{name}' needs 0 <= min <= max, but got min {min} and max {max}.");
        }

        foreach (var drawn in _dims)
        {
            if (drawn.Name == name)
            {
                return drawn.Value;
            }
        }

        // Each name has its own stream: a size does not depend on the order of the draws or on the tensors drawn
        // before it, so shrinking one size leaves the others as they were.
        int value = Rng.For(Seed, Rng.Hash("dim:" + name)).NextInt(min, CaseSizing.UpperBound(min, max, Size));
        if (_overrides is not null && _overrides.TryGetValue(name, out int forced))
        {
            value = Math.Clamp(forced, min, max);
        }

        _dims.Add(new DimDraw(name, value, min, max));
        return value;
    }

    /// <summary>Keeps <paramref name="report"/> for the summary; a report recorded twice counts once.</summary>
    void ICheckContext.Record(GradientReport report) => Record(report);

    /// <summary>The test's output, for checks that run long; null outside a run that gives one.</summary>
    IProgress<CheckProgress>? ICheckContext.Progress => _progress;

    /// <summary>Keeps <paramref name="report"/> for the summary; a report recorded twice counts once.</summary>
    internal void Record(GradientReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_recording)
        {
            // An async case may run several checks at once (Task.WhenAll): each records from its own thread.
            if (!_reports.Contains(report))
            {
                _reports.Add(report);
            }
        }
    }

    /// <summary>A tensor of standard normal values.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="shape">The tensor's shape.</param>
    public Tensor<T> Normal<T>(params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tensor = new Tensor<T>(shape);
        for (int i = 0; i < tensor.Length; i++)
        {
            tensor.Data[i] = T.CreateTruncating(_rng.NextNormal());
        }

        return tensor;
    }

    /// <summary>
    /// A tensor of whole numbers drawn uniformly from <paramref name="min"/> to <paramref name="max"/> inclusive: class
    /// indices, token ids or 0/1 masks, for constant inputs (<see cref="LayerInputs{T}.Constant"/>).
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value, at least <paramref name="min"/>.</param>
    /// <param name="shape">The tensor's shape.</param>
    public Tensor<T> Integers<T>(int min, int max, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Integers needs min <= max, but got [{min}, {max}].");
        }

        var tensor = new Tensor<T>(shape);
        for (int i = 0; i < tensor.Length; i++)
        {
            tensor.Data[i] = T.CreateTruncating(_rng.NextInt(min, max));
        }

        return tensor;
    }

    /// <summary>A tensor of values uniform on [<paramref name="min"/>, <paramref name="max"/>).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound, above <paramref name="min"/>.</param>
    /// <param name="shape">The tensor's shape.</param>
    public Tensor<T> Uniform<T>(double min, double max, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(max > min) || double.IsInfinity(max - min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Uniform needs finite min < max, but got [{min}, {max}).");
        }

        var tensor = new Tensor<T>(shape);
        for (int i = 0; i < tensor.Length; i++)
        {
            tensor.Data[i] = T.CreateTruncating(min + ((max - min) * _rng.NextDouble()));
        }

        return tensor;
    }

    /// <summary>The case as one line: seed, index and every size drawn.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"case {Index} (seed {Seed}){(_dims.Count > 0 ? ": " + string.Join(", ", _dims.Select(d => $"{d.Name}={d.Value}")) : string.Empty)}");
}

/// <summary>One size drawn by <see cref="GradientCase.Dim"/>.</summary>
/// <param name="Name">The dimension's name.</param>
/// <param name="Value">The size drawn.</param>
/// <param name="Min">The smallest size allowed.</param>
/// <param name="Max">The largest size allowed.</param>
public sealed record DimDraw(string Name, int Value, int Min, int Max);
