namespace GradAssert.Adapters.Tests;

public sealed class GradientCaseTests
{
    [Theory]
    [InlineData(1, 8, 0.05, 2)]
    [InlineData(1, 8, 1.0, 8)]
    [InlineData(0, 100, 0.5, 50)]
    [InlineData(3, 3, 0.25, 3)]
    [InlineData(0, 10, 0.01, 1)]
    public void A_case_of_size_s_draws_up_to_min_plus_ceil_s_times_the_range(int min, int max, double size, int upper)
    {
        CaseSizing.UpperBound(min, max, size).ShouldBe(upper);
    }

    [Fact]
    public void Sizes_grow_with_the_case_index_up_to_the_whole_range_in_the_last_case()
    {
        CaseSizing.SizeOf(0, 20).ShouldBe(0.05);
        CaseSizing.SizeOf(9, 20).ShouldBe(0.5);
        CaseSizing.SizeOf(19, 20).ShouldBe(1.0);
        CaseSizing.SizeOf(0, 1).ShouldBe(1.0);
    }

    [Fact]
    public void Early_cases_draw_small_sizes_and_late_cases_reach_the_top_of_the_range()
    {
        var early = Enumerable.Range(0, 200).Select(seed => new GradientCase(seed, 0, CaseSizing.SizeOf(0, 20), null).Dim("n", 1, 101)).ToArray();
        var late = Enumerable.Range(0, 200).Select(seed => new GradientCase(seed, 19, CaseSizing.SizeOf(19, 20), null).Dim("n", 1, 101)).ToArray();

        early.Max().ShouldBeLessThanOrEqualTo(6);
        early.Min().ShouldBe(1);
        late.Max().ShouldBeGreaterThan(95);
    }

    [Fact]
    public void The_same_seed_gives_the_same_sizes_and_tensors()
    {
        var first = new GradientCase(42, 3);
        var second = new GradientCase(42, 3);

        first.Dim("batch", 1, 64).ShouldBe(second.Dim("batch", 1, 64));
        first.Normal<double>(3, 4).Data.ShouldBe(second.Normal<double>(3, 4).Data);
        first.Uniform<float>(-1, 1, 5).Data.ShouldBe(second.Uniform<float>(-1, 1, 5).Data);
    }

    [Fact]
    public void A_size_does_not_depend_on_the_order_of_the_draws()
    {
        var inOrder = new GradientCase(7);
        var reversed = new GradientCase(7);
        int a = inOrder.Dim("a", 0, 1000);
        int b = inOrder.Dim("b", 0, 1000);

        reversed.Dim("b", 0, 1000).ShouldBe(b);
        reversed.Dim("a", 0, 1000).ShouldBe(a);
    }

    [Fact]
    public void Forced_sizes_replace_the_drawn_ones_within_the_range_and_are_recorded()
    {
        var forced = new GradientCase(7, 0, 1.0, new Dictionary<string, int> { ["a"] = 3, ["b"] = 99 });

        forced.Dim("a", 1, 10).ShouldBe(3);
        forced.Dim("b", 1, 10).ShouldBe(10);
        forced.Dims.Select(d => (d.Name, d.Value)).ShouldBe([("a", 3), ("b", 10)]);
    }

    [Fact]
    public async Task Check_inside_a_running_case_is_recorded_and_seeded_with_the_case_seed()
    {
        var c = new GradientCase(11);
        var dense = new Fixtures.BatchDense(2, 3, 1);
        GradientReport? report = null;

        await CaseScope.RunAsync(c, running =>
        {
            report = GradientAssert.Layer(dense, running.Normal<double>(2, 2));
            return Task.CompletedTask;
        });

        c.Reports.ShouldBe([report!]);
        report!.Options.Seed.ShouldBe(11);
    }

    [Fact]
    public async Task Failing_check_inside_a_running_case_is_recorded_too()
    {
        var c = new GradientCase(11);
        var dense = new Fixtures.BatchDense(2, 3, 1) { BiasSumsFirstRowOnly = true };

        var error = await Should.ThrowAsync<GradientCheckException>(() => CaseScope.RunAsync(c, async running =>
        {
            await Task.Yield();
            GradientAssert.Layer(dense, running.Normal<double>(3, 2));
        }));

        c.Reports.ShouldBe([error.Report]);
        error.Report.Blamed.ShouldBe(["Dense"]);
    }

    [Fact]
    public void Check_outside_a_case_is_not_recorded_and_uses_the_default_seed()
    {
        var c = new GradientCase(11);

        var report = GradientAssert.Layer(new Fixtures.BatchDense(2, 3, 1), c.Normal<double>(2, 2));

        c.Reports.ShouldBeEmpty();
        report.Options.Seed.ShouldBe(0);
    }

    [Fact]
    public void Integers_are_whole_numbers_in_the_range_and_replay_from_the_seed()
    {
        var first = new GradientCase(5).Integers<double>(0, 3, 4, 5);
        var again = new GradientCase(5).Integers<double>(0, 3, 4, 5);

        first.Data.ShouldAllBe(v => v == Math.Floor(v) && v >= 0 && v <= 3);
        first.Data.Distinct().Count().ShouldBeGreaterThan(1);
        again.Data.ShouldBe(first.Data);
    }
}
