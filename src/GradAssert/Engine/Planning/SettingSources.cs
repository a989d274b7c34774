namespace GradAssert.Engine.Planning;

/// <summary>
/// Where the settings of a check that its code did not set came from (an attribute, assembly-wide defaults), one typed
/// field per setting; null where the setting came from code or was left at the library's default.
/// </summary>
internal sealed record SettingSources(string? Tolerance = null, string? Step = null, string? Scheme = null, string? Mode = null, string? MaxElements = null)
{
    /// <summary>Every setting from code or the library's defaults.</summary>
    public static SettingSources None { get; } = new();

    /// <summary>True when some setting came from elsewhere than code.</summary>
    public bool Any => Named().Any();

    /// <summary>Each setting that came from elsewhere, by the name the report's header gives it, with its source.</summary>
    public IEnumerable<(string Setting, string Source)> Named()
    {
        (string Setting, string? Source)[] all = [("tolerance", Tolerance), ("step", Step), ("scheme", Scheme), ("mode", Mode), ("max elements", MaxElements)];
        return all.Where(s => s.Source is not null).Select(s => (s.Setting, s.Source!));
    }
}
