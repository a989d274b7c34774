namespace GradAssert.Engine.Running;

/// <summary>Words the engine's notes and the report's lines share.</summary>
internal static class Prose
{
    /// <summary>The items as a sentence lists them: <c>a</c>, <c>a and b</c>, <c>a, b and c</c>.</summary>
    public static string List(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
