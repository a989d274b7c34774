using System.Diagnostics;

namespace GradAssert.Fuzz.Reporting;

/// <summary>The commit a run is made on, for the table's header.</summary>
internal static class Git
{
    /// <summary><c>git rev-parse --short HEAD</c> in the current directory, or null when git cannot say.</summary>
    public static string? ShortHead()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (git is null)
            {
                return null;
            }

            string head = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && head.Length > 0 ? head : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
