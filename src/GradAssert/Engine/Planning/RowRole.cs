namespace GradAssert.Engine.Planning;

/// <summary>Where a row stands in its check, which decides some of what checks it.</summary>
/// <param name="EndToEndOfParts">
/// An end-to-end row of a model or composite whose parts are also checked alone: blame comes from the parts' rows, so
/// these rows may be compared along directions, and get no Taylor second opinion.
/// </param>
/// <param name="StaleCacheProbe">
/// A row the stale-cache probe compares on the other input: element by element, reporting no progress.
/// </param>
/// <param name="Hypothesis">
/// A row compared again to test a cause (a loss's gradient with its batch size taken out): its own stream, no progress.
/// </param>
internal readonly record struct RowRole(bool EndToEndOfParts = false, bool StaleCacheProbe = false, bool Hypothesis = false)
{
    /// <summary>A layer checked by itself, a model's layer checked alone, or a call of a composite checked alone.</summary>
    public static RowRole Alone => default;

    /// <summary>An end-to-end row of a model or composite whose parts are also checked alone.</summary>
    public static RowRole EndToEnd => new(EndToEndOfParts: true);
}
