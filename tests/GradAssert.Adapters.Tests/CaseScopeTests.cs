namespace GradAssert.Adapters.Tests;

public sealed class CaseScopeTests
{
    [Fact]
    public void The_running_case_is_current_inside_its_body_only()
    {
        GradientCase? seen = null;
        var result = GradientProperty.Run("My.Tests.T", new GradientCheckSettings(1, 1, null), c => seen = CaseScope.Current, _ => null);

        result.Passed.ShouldBeTrue();
        seen.ShouldNotBeNull().Index.ShouldBe(0);
        CaseScope.Current.ShouldBeNull();
    }

    [Fact]
    public void An_observed_report_is_recorded_once_with_the_running_case_and_lands_in_the_summary()
    {
        var result = GradientProperty.Run("My.Tests.T", new GradientCheckSettings(2, 1, null), c =>
        {
            var report = GradCheck.Layer(new Fixtures.BatchDense(2, 2, c.Seed), c.Normal<double>(2, 2));
            CaseScope.Observe(report);
            CaseScope.Observe(report);
            c.Reports.Count.ShouldBe(1);
        }, _ => null);

        result.Passed.ShouldBeTrue(result.Summary);
        result.Summary.ShouldContain("worst difference per layer Dense ");
    }

    [Fact]
    public void Observing_outside_a_case_does_nothing()
    {
        var report = GradCheck.Layer(new Fixtures.BatchDense(2, 2, 1), new GradientCase(1).Normal<double>(2, 2));

        CaseScope.Observe(report).ShouldBeSameAs(report);
    }

    [Fact]
    public async Task Parallel_cases_each_see_their_own_case()
    {
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            int mismatches = 0;
            GradientProperty.Run($"My.Tests.T{i}", new GradientCheckSettings(20, i, null), c =>
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
}
