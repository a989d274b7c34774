namespace GradAssert.Fuzz.Running;

/// <summary>Which cases a run covers.</summary>
/// <param name="Kinds">The kinds' names, in catalogue order.</param>
/// <param name="Variant">Only this variant (<c>correct</c>, <c>broken</c> for every broken one, or a name), or null for all.</param>
/// <param name="Types">The float types.</param>
/// <param name="FirstSeed">The first seed.</param>
/// <param name="LastSeed">The last seed, inclusive.</param>
/// <param name="Groupings">The grouping settings, each case run once with each.</param>
/// <param name="Reference">What each check compares the backward with (Auto, as by default, unless chosen).</param>
internal sealed record FuzzSelection(IReadOnlyList<string> Kinds, string? Variant, FloatTypes Types, int FirstSeed, int LastSeed, IReadOnlyList<bool> Groupings, Reference Reference = Reference.Auto)
{
    /// <summary>The seeds in order.</summary>
    public IEnumerable<int> Seeds => Enumerable.Range(FirstSeed, LastSeed - FirstSeed + 1);

    /// <summary>Whether <paramref name="variant"/> is run.</summary>
    public bool Includes(string variant) => Variant switch
    {
        null => true,
        "broken" => variant != FuzzKind<double>.Correct,
        _ => Variant == variant,
    };
}
