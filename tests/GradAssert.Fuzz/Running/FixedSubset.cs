namespace GradAssert.Fuzz.Running;

/// <summary>
/// The fixed-seed subset that <c>dotnet test</c> runs (tests/GradAssert.Fuzz.Tests) and compares with its baseline:
/// every kind on seeds <see cref="FirstSeed"/> to <see cref="LastSeed"/>, both types, grouping on and off; a
/// <see cref="FuzzKind{T}.Heavy"/> kind on the first seed with grouping on only. Sized to run in well under a minute in
/// a Debug build on two cores.
/// </summary>
internal static class FixedSubset
{
    /// <summary>The first seed.</summary>
    public const int FirstSeed = 1;

    /// <summary>The last seed.</summary>
    public const int LastSeed = 8;

    /// <summary>The subset in words, for headers.</summary>
    public static string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"every kind on seeds {FirstSeed}..{LastSeed}, double and float, grouping on and off; heavy kinds ({string.Join(", ", Heavy)}) on seed {FirstSeed} with grouping on");

    /// <summary>Runs the subset.</summary>
    public static IReadOnlyList<CaseResult> Run(Action<CaseResult>? onCase = null, Action<string, TimeSpan>? onKind = null)
    {
        var light = Catalogue.Kinds<double>().Where(k => !k.Heavy).Select(k => k.Name).ToList();
        return
        [
            .. FuzzRunner.Run(new FuzzSelection(light, null, FloatTypes.Both, FirstSeed, LastSeed, [true, false]), onCase, onKind),
            .. FuzzRunner.Run(new FuzzSelection(Heavy, null, FloatTypes.Both, FirstSeed, FirstSeed, [true]), onCase, onKind),
        ];
    }

    private static IReadOnlyList<string> Heavy => [.. Catalogue.Kinds<double>().Where(k => k.Heavy).Select(k => k.Name)];
}
