namespace GradAssert.Adapters.Tests;

public sealed class CaseScopeTests
{
    [Fact]
    public void The_running_case_is_current_inside_its_body_only()
    {
        GradientCase? seen = null;
        var result = GradientProperty.Run("My.Tests.T", new GradientPropertySettings(1, 1, null), c =>
        {
            seen = CaseScope.Current;
            GradCheck.Layer(new Fixtures.BatchDense(1, 1, c.Seed), c.Normal<double>(1, 1));
        }, _ => null);

        result.Passed.ShouldBeTrue(result.Summary);
        seen.ShouldNotBeNull().Index.ShouldBe(0);
        CaseScope.Current.ShouldBeNull();
    }

    [Fact]
    public void An_observed_report_is_recorded_once_with_the_running_case_and_lands_in_the_summary()
    {
        var result = GradientProperty.Run("My.Tests.T", new GradientPropertySettings(2, 1, null), c =>
        {
            var report = GradCheck.Layer(new Fixtures.BatchDense(2, 2, c.Seed), c.Normal<double>(2, 2));
            CheckContext.Observe(report);
            CheckContext.Observe(report);
            c.Reports.Count.ShouldBe(1);
        }, _ => null);

        result.Passed.ShouldBeTrue(result.Summary);
        result.Summary.ShouldContain("worst error/tolerance per layer (above 1 fails; the normalized difference beside it where the course's bands apply): Dense ");
    }

    [Fact]
    public void Observing_outside_a_case_does_nothing()
    {
        var report = GradCheck.Layer(new Fixtures.BatchDense(2, 2, 1), new GradientCase(1).Normal<double>(2, 2));

        CheckContext.Observe(report).ShouldBeSameAs(report);
    }

    [Fact]
    public async Task Parallel_cases_each_see_their_own_case()
    {
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            int mismatches = 0;
            GradientProperty.Run($"My.Tests.T{i}", new GradientPropertySettings(20, i, null), c =>
            {
                Thread.Yield();
                if (!ReferenceEquals(CaseScope.Current, c))
                {
                    mismatches++;
                }
            }, _ => null);
            return mismatches;
        }));

        (await Task.WhenAll(tasks)).ShouldAllBe(m => m == 0);
    }

    [Fact]
    public void A_check_with_options_but_no_seed_draws_from_the_running_case()
    {
        var seeds = new List<(int Case, int Report)>();
        var result = GradientProperty.Run("My.Tests.T", new GradientPropertySettings(3, 1), c =>
        {
            var report = GradCheck.Layer(new Fixtures.BatchDense(2, 2, c.Seed), c.Normal<double>(2, 2), new GradCheckOptions { Mode = CheckMode.Full });
            seeds.Add((c.Seed, report.Seed));
        }, _ => null);

        result.Passed.ShouldBeTrue(result.Summary);
        seeds.Count.ShouldBe(3);
        seeds.ShouldAllBe(s => s.Case == s.Report);
        seeds.Select(s => s.Report).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void A_seed_set_in_the_options_wins_over_the_running_case()
    {
        int seen = -1;
        GradientProperty.Run("My.Tests.T", new GradientPropertySettings(1, 1), c =>
            seen = GradCheck.Layer(new Fixtures.BatchDense(2, 2, c.Seed), c.Normal<double>(2, 2), new GradCheckOptions { Seed = 77 }).Seed, _ => null);

        seen.ShouldBe(77);
    }

    [Fact]
    public void A_check_outside_a_case_without_a_seed_uses_seed_zero()
    {
        var report = GradCheck.Layer(new Fixtures.BatchDense(2, 2, 1), new GradientCase(1).Normal<double>(2, 2), new GradCheckOptions { Mode = CheckMode.Full });

        report.Seed.ShouldBe(0);
        report.Options.Seed.ShouldBe(0);
    }
}
