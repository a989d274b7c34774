namespace GradAssert.Fuzz.Tests;

/// <summary>
/// The fixed-seed subset of the fuzz harness against baseline.txt, both ways: a case that behaved and now misbehaves
/// fails the test, and so does a listed case that now behaves (remove its line: the list only shrinks).
/// </summary>
public sealed class SubsetBaselineTests
{
    private const string Regenerate = "dotnet run -c Release --project tests/GradAssert.Fuzz -- --subset --baseline tests/GradAssert.Fuzz.Tests/baseline.txt";

    [Fact]
    public void Every_case_of_the_fixed_seed_subset_behaves_as_the_baseline_says()
    {
        var baseline = Baseline.Read(Path.Combine(AppContext.BaseDirectory, "baseline.txt"));
        var results = FixedSubset.Run();

        var (newlyMisbehaving, nowBehaving) = Baseline.Compare(baseline, Baseline.Lines(results));

        var message = new List<string>();
        if (newlyMisbehaving.Count > 0)
        {
            message.Add($"{newlyMisbehaving.Count} case(s) of the subset ({FixedSubset.Description}) that behaved now misbehave:");
            message.AddRange(newlyMisbehaving.Select(l => "  " + l));
            message.AddRange(results.Where(r => !r.Outcome.Behaved() && newlyMisbehaving.Contains($"{r.Outcome.Label()} {r.Key}")).Take(3).Select(CaseDetails.Describe));
        }

        if (nowBehaving.Count > 0)
        {
            message.Add($"{nowBehaving.Count} case(s) listed in baseline.txt now behave: remove their lines (the list only shrinks), or run {Regenerate}");
            message.AddRange(nowBehaving.Select(l => "  " + l));
        }

        if (message.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, message));
        }
    }
}
