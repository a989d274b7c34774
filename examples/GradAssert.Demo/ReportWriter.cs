using GradAssert;
using Spectre.Console;

namespace GradAssert.Demo;

/// <summary>Prints a report's own text (what a test runner shows), with the blamed layers' rows and lines in red.</summary>
internal static class ReportWriter
{
    public static void Write(GradientReport report)
    {
        foreach (string line in report.ToString().TrimEnd().Split('\n'))
        {
            string text = Markup.Escape(line);
            bool blamedRow = report.Blamed.Any(layer => line.StartsWith($"  {layer} ", StringComparison.Ordinal) || line.StartsWith($"  {layer}:", StringComparison.Ordinal));
            if (line.StartsWith("Gradient check FAILED", StringComparison.Ordinal))
            {
                AnsiConsole.MarkupLine($"[bold red]{text}[/]");
            }
            else if (line.StartsWith("Gradient check passed", StringComparison.Ordinal))
            {
                AnsiConsole.MarkupLine($"[bold green]{text}[/]");
            }
            else if (blamedRow && line.Contains("WRONG", StringComparison.Ordinal))
            {
                AnsiConsole.MarkupLine($"[bold red]{text}[/]");
            }
            else if (blamedRow || line.StartsWith("Blame", StringComparison.Ordinal))
            {
                AnsiConsole.MarkupLine($"[red]{text}[/]");
            }
            else
            {
                AnsiConsole.MarkupLine(text);
            }
        }

        AnsiConsole.WriteLine();
    }
}
