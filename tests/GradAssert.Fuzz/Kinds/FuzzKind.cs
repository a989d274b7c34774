namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// One layer kind of the harness: how a seed becomes a correct case (sizes and values drawn from a
/// <see cref="GradientCase"/>), the broken variants planted into it, the float types it runs in and the options it is
/// checked with. (kind, variant, type, seed, grouping) replays a case exactly.
/// </summary>
internal sealed class FuzzKind<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The name of the correct variant.</summary>
    public const string Correct = "correct";

    private readonly Func<GradientCase, Subject<T>> _build;

    /// <summary>Declares a kind.</summary>
    /// <param name="name">A name without spaces, unique in the catalogue.</param>
    /// <param name="classes">The issue-22 classes it probes, the one it is listed under first.</param>
    /// <param name="build">Draws the correct case from the seed's <see cref="GradientCase"/>.</param>
    /// <param name="bugs">The broken variants, at least one.</param>
    public FuzzKind(string name, IReadOnlyList<IssueClass> classes, Func<GradientCase, Subject<T>> build, params IReadOnlyList<Bug<T>> bugs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (classes.Count == 0 || bugs.Count == 0)
        {
            throw new ArgumentException($"Kind {name} needs a class and a broken variant.", nameof(bugs));
        }

        Name = name;
        Classes = classes;
        _build = build;
        Bugs = bugs;
    }

    /// <summary>The kind's name.</summary>
    public string Name { get; }

    /// <summary>The issue-22 classes it probes.</summary>
    public IReadOnlyList<IssueClass> Classes { get; }

    /// <summary>The class the tables list it under.</summary>
    public IssueClass Class => Classes[0];

    /// <summary>The broken variants.</summary>
    public IReadOnlyList<Bug<T>> Bugs { get; }

    /// <summary>The float types it runs in; both unless set.</summary>
    public FloatTypes Types { get; init; } = FloatTypes.Both;

    /// <summary>The options it is checked with (the harness sets the seed and the grouping); the defaults unless set.</summary>
    public GradCheckOptions Options { get; init; } = GradCheckOptions.Default;

    /// <summary>
    /// True when one case takes seconds rather than milliseconds (a wide layer compared element by element): the
    /// fixed-seed subset (<see cref="Running.FixedSubset"/>) runs it on one seed with grouping on only.
    /// </summary>
    public bool Heavy { get; init; }

    /// <summary><see cref="Correct"/>, then the broken variants' names.</summary>
    public IReadOnlyList<string> Variants => [Correct, .. Bugs.Select(b => b.Name)];

    /// <summary>Builds the case of <paramref name="variant"/> for <paramref name="seed"/>, afresh each call.</summary>
    public Subject<T> Build(string variant, int seed)
    {
        var c = new GradientCase(seed);
        var subject = _build(c);
        if (variant == Correct)
        {
            return subject;
        }

        var bug = Bugs.FirstOrDefault(b => b.Name == variant)
            ?? throw new ArgumentException($"Kind {Name} has no variant '{variant}'; it has {string.Join(", ", Variants)}.", nameof(variant));
        return bug.Plant(subject, c);
    }
}
