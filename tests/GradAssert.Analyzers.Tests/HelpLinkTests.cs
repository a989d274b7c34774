using System.Text;

namespace GradAssert.Analyzers.Tests;

/// <summary>The help link of each diagnostic (the IDE's "show help") opens the section on the diagnostics in docs/analyzers.md.</summary>
public class HelpLinkTests
{
    [Fact]
    public void Every_diagnostic_links_to_a_section_of_the_analyzers_page_on_the_repositorys_page()
    {
        var anchors = Headings(Path.Combine("docs", "analyzers.md")).Select(GitHubAnchor).ToHashSet(StringComparer.Ordinal);

        foreach (var descriptor in new GradientCheckAnalyzer().SupportedDiagnostics)
        {
            var link = new Uri(descriptor.HelpLinkUri);
            Assert.Equal("https", link.Scheme);
            Assert.Equal("github.com", link.Host);
            Assert.EndsWith("/blob/main/docs/analyzers.md", link.AbsolutePath, StringComparison.Ordinal);
            Assert.Contains(link.Fragment.TrimStart('#'), anchors);
        }
    }

    /// <summary>The anchor GitHub gives a heading: lower case, spaces as hyphens, punctuation other than - and _ dropped.</summary>
    private static string GitHubAnchor(string heading)
    {
        var anchor = new StringBuilder();
        foreach (char ch in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch) || ch is '-' or '_')
            {
                anchor.Append(ch);
            }
            else if (ch == ' ')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString();
    }

    private static IEnumerable<string> Headings(string page)
    {
        bool inFence = false;
        foreach (string line in File.ReadLines(Path.Combine(RepositoryRoot(), page)))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence && line.StartsWith('#'))
            {
                yield return line.TrimStart('#');
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GradAssert.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GradAssert.sln not found above " + AppContext.BaseDirectory);
    }
}
