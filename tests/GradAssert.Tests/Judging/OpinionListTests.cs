using System.Text;

namespace GradAssert.Tests.Judging;

/// <summary>
/// What decides pass or fail is the ordered lists of opinions in the engine, and "What decides pass or fail" in
/// docs/judge.md is those lists in plain words: the block between its markers is written from them, rule by rule, in order.
/// </summary>
public sealed class OpinionListTests
{
    private const string Begin = "<!-- opinions: written from the engine's lists; OpinionListTests keeps them the same -->";
    private const string End = "<!-- opinions: end -->";

    [Fact]
    public void The_docs_list_the_opinions_of_the_engine_in_their_order()
    {
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "judge.md")).ReplaceLineEndings("\n");
        int from = page.IndexOf(Begin, StringComparison.Ordinal);
        int to = page.IndexOf(End, StringComparison.Ordinal);
        from.ShouldBeGreaterThanOrEqualTo(0, "docs/judge.md has no opinion list");
        to.ShouldBeGreaterThan(from, "docs/judge.md's opinion list has no end marker");

        string listed = page[(from + Begin.Length)..to].Trim('\n');
        if (Environment.GetEnvironmentVariable("GRADASSERT_WRITE_OPINIONS") == "1")
        {
            // Rewrites the block from the engine's lists (GRADASSERT_WRITE_OPINIONS=1 dotnet test --filter OpinionList).
            listed = Written();
            File.WriteAllText(Path.Combine(RepositoryRoot(), "docs", "judge.md"), page[..(from + Begin.Length)] + "\n" + listed + "\n" + page[to..]);
        }

        listed.ShouldBe(Written(), "docs/judge.md's opinion list differs from the engine's; paste the expected text between the markers");
    }

    [Fact]
    public void Every_element_list_ends_in_an_opinion_that_decides()
    {
        var e = new DerivativeEvidence(new Sine(), Precision.Epsilon<double>());
        e.Reset(1e-5, new Sample(1e-5, 1e-5, 2e-5, 1), new Sample(-1e-5, -1e-5, -2e-5, 1), valueScale: 1);
        e.Estimate(analytic: 2, numerical: 1, rounding: 1e-16, analyticRounding: 1e-16);
        foreach (var tolerance in new[] { Tolerance.Auto, Tolerance.AllClose(1e-3, 1e-3), Tolerance.NormalizedDifference() })
        {
            tolerance.Judge(secondOpinion: true).Judge(e).ShouldNotBeNull($"{tolerance} left an element undecided");
        }
    }

    /// <summary>The lists as docs/judge.md words them.</summary>
    private static string Written()
    {
        var text = new StringBuilder();
        text.AppendLine("Each element (or random direction), under the error model (`Tolerance.Auto`; s, the safety factor, is 10):").AppendLine();
        int n = 1;
        foreach (var opinion in Opinions.ErrorModel(secondOpinion: true))
        {
            text.AppendLine($"{n++}. {opinion.Rule}");
        }

        text.AppendLine().AppendLine(WideningMustBeEarned.Rule);
        text.AppendLine().AppendLine(
            $"Under `Tolerance.AllClose(atol, rtol)`: {Opinions.AllClose(new AllCloseTolerance(0, 0)).Single().Rule} Under the course's `Tolerance.NormalizedDifference(t)`: {Opinions.NormalizedDifference().Single().Rule}");
        text.AppendLine().AppendLine(
            "Each tensor, once its elements (or directions) are judged, passes when none of them failed or was unverifiable (under the course's rule: when its normalized difference is below t); then:").AppendLine();
        n = 1;
        foreach (var opinion in TensorOpinions.All)
        {
            text.AppendLine($"{n++}. {opinion.Rule}");
        }

        text.AppendLine().AppendLine("The whole check passes when:").AppendLine();
        n = 1;
        foreach (var opinion in ReportOpinions.All)
        {
            text.AppendLine($"{n++}. {opinion.Rule}");
        }

        return text.ToString().ReplaceLineEndings("\n").Trim('\n');
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

    /// <summary>An element of J = sin whose analytic derivative is far off: every list must decide it.</summary>
    private sealed class Sine : IEvidenceSource
    {
        public Answer<Sample> Sample(double offset) => new Sample(offset, Math.Sin(offset), 2 * offset, 1);

        public Answer<Sample> Probe(double offset) => Sample(offset);

        public Missing CheckUnperturbedOutput() => Missing.None;

        public Missing CheckRepeat(Sample earlier, double offset) => Missing.None;

        public Answer<Resolution> Resolution(double valueScale, double analyticRounding) => new Resolution(0, 0, 1, analyticRounding);

        public Answer<(double Outputs, double Analytic)> Floors(double valueScale, double analyticRounding) => (1e-16, analyticRounding);

        public Answer<(double Low, double High)> SubgradientRange(double step) => (double.NaN, double.NaN);
    }
}
