using System.Xml.Linq;

namespace GradAssert.Integration.Tests;

/// <summary>One test's result from a TRX file.</summary>
/// <param name="Method">The test method's name (xUnit reports the full name, NUnit the method name; this is the last part).</param>
/// <param name="Outcome">Passed, Failed, …</param>
/// <param name="Message">The failure message, or empty.</param>
/// <param name="StackTrace">The failure's stack trace, or empty.</param>
/// <param name="StdOut">What the test wrote to its output.</param>
/// <param name="Attachments">The files attached to the result (TRX ResultFiles), as the TRX names them.</param>
internal sealed record TrxResult(string Method, string Outcome, string Message, string StackTrace, string StdOut, IReadOnlyList<string> Attachments);

/// <summary>The results of one `dotnet test` run, read from its TRX file.</summary>
internal sealed class TrxResults
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    private TrxResults(IReadOnlyList<TrxResult> results, string console)
    {
        Results = results;
        Console = console;
    }

    public IReadOnlyList<TrxResult> Results { get; }

    /// <summary>The console output of the run, for diagnosing a failing assertion.</summary>
    public string Console { get; }

    /// <param name="path">The TRX file.</param>
    /// <param name="console">The run's console output.</param>
    /// <param name="xunitReport">
    /// True for xUnit v3's own TRX report (Microsoft Testing Platform), which writes a quote in a message as \" ; it is
    /// read back as the quote the test wrote.
    /// </param>
    public static TrxResults Load(string path, string console, bool xunitReport = false)
    {
        var document = XDocument.Load(path);
        if (xunitReport)
        {
            foreach (var text in document.DescendantNodes().OfType<XText>())
            {
                text.Value = text.Value.Replace("\\\"", "\"", StringComparison.Ordinal);
            }
        }

        var results = document.Descendants(Ns + "UnitTestResult").Select(r => new TrxResult(
            Method: LastPart((string?)r.Attribute("testName") ?? string.Empty),
            Outcome: (string?)r.Attribute("outcome") ?? string.Empty,
            Message: Normalize((string?)r.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "Message")),
            StackTrace: Normalize((string?)r.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "StackTrace")),
            StdOut: StdOut(r),
            Attachments: r.Descendants(Ns + "ResultFile").Select(f => (string?)f.Attribute("path") ?? string.Empty).ToArray())).ToArray();
        return new TrxResults(results, console);
    }

    public TrxResult this[string method] =>
        Results.SingleOrDefault(r => r.Method == method)
        ?? throw new InvalidOperationException($"No single result for {method} in the run. Console:\n{Console}");

    // VSTest writes the test's output to StdOut; xUnit v3's own TRX report (Microsoft Testing Platform) to TextMessages.
    private static string StdOut(XElement result)
    {
        var output = result.Element(Ns + "Output");
        string stdout = Normalize((string?)output?.Element(Ns + "StdOut"));
        var messages = output?.Element(Ns + "TextMessages")?.Elements(Ns + "Message").Select(m => Normalize((string?)m)) ?? [];
        return stdout.Length > 0 ? stdout : string.Join('\n', messages);
    }

    private static string LastPart(string testName)
    {
        int paren = testName.IndexOf('(', StringComparison.Ordinal);
        string name = paren < 0 ? testName : testName[..paren];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    private static string Normalize(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);
}
