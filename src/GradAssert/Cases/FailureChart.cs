namespace GradAssert.Cases;

/// <summary>
/// Writes the SVG chart of a failing <c>[GradientCheck]</c> test's report, so the failure message can name it and
/// frameworks with attachments (NUnit) can attach it. The folder is <c>GRADASSERT_ARTIFACTS</c>, else
/// <c>gradassert-charts</c> under the test run's working directory.
/// </summary>
internal static class FailureChart
{
    public const string FolderVariable = "GRADASSERT_ARTIFACTS";

    /// <returns>The chart's full path, or null when it could not be written (a read-only disk must not hide the failure).</returns>
    public static string? Write(string testName, GradientReport report, Func<string, string?> environment)
    {
        try
        {
            string folder = environment(FolderVariable) is { Length: > 0 } chosen
                ? chosen
                : Path.Combine(Directory.GetCurrentDirectory(), "gradassert-charts");
            Directory.CreateDirectory(folder);
            string name = string.Concat(testName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
            string path = Path.GetFullPath(Path.Combine(folder, name + ".svg"));
            File.WriteAllText(path, report.ToSvg());
            return path;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
