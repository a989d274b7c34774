namespace GradAssert.Fuzz.Reporting;

/// <summary>What the table's header says about the run.</summary>
/// <param name="Command">The command line that ran it.</param>
/// <param name="Commit">The commit it ran on (<c>git rev-parse --short HEAD</c>), or null when unknown.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Elapsed">How long it took.</param>
internal sealed record RunInfo(string Command, string? Commit, DateTimeOffset Started, TimeSpan Elapsed);
