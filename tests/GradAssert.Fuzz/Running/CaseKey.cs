namespace GradAssert.Fuzz.Running;

/// <summary>What replays one case: the kind, the variant, the float type, the seed and the grouping.</summary>
internal sealed record CaseKey(string Kind, string Variant, string Type, int Seed, bool Grouping)
{
    /// <summary><c>on</c> or <c>off</c>.</summary>
    public string GroupingText => Grouping ? "on" : "off";

    /// <summary>The harness's options that run this case alone, with its details.</summary>
    public string Replay => string.Create(
        CultureInfo.InvariantCulture,
        $"dotnet run -c Release --project tests/GradAssert.Fuzz -- --kinds {Kind} --variant {Variant} --type {Type} --seeds {Seed} --grouping {GroupingText} --verbose");

    /// <summary>The case in words: <c>LayerNorm@3e5 correct double seed 2 grouping on</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Variant} {Type} seed {Seed} grouping {GroupingText}");
}
