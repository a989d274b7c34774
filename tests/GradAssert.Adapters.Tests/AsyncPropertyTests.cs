namespace GradAssert.Adapters.Tests;

public sealed class AsyncPropertyTests
{
    private const string Test = "My.Tests.Dense_backward_matches";

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public async Task Async_case_that_awaits_is_checked_in_every_case()
    {
        var result = await GradientProperty.RunAsync(Test, new GradientPropertySettings(3, 4, null), async c =>
        {
            await Task.Yield();
            var dense = new Fixtures.BatchDense(2, 2, c.Seed);
            await Task.Delay(1);
            GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 3), 2));
        }, NoEnvironment);

        result.Passed.ShouldBeTrue(result.Summary);
        result.Summary.ShouldStartWith("GradientCheck passed 3 cases (test seed 4, Seed on the attribute; sizes batch ");
        result.Summary.ShouldContain("worst error/tolerance per layer (above 1 fails; the normalized difference beside it where the course's bands apply): Dense ");
    }

    [Fact]
    public async Task Checks_run_at_once_inside_one_case_all_count_for_it()
    {
        int reports = 0;
        var result = await GradientProperty.RunAsync(Test, new GradientPropertySettings(1, 4, null), async c =>
        {
            var inputs = Enumerable.Range(0, 8).Select(i => c.Normal<double>(2, 2)).ToArray();
            var checks = inputs.Select((input, i) => Task.Run(() => GradientAssert.Layer(new Fixtures.BatchDense(2, 2, i), input)));
            reports = (await Task.WhenAll(checks)).Length;
        }, NoEnvironment);

        result.Passed.ShouldBeTrue(result.Summary);
        reports.ShouldBe(8);
    }

    [Fact]
    public async Task A_failing_async_case_shrinks_like_a_synchronous_one()
    {
        var result = await GradientProperty.RunAsync(Test, new GradientPropertySettings(4, 5, null), async c =>
        {
            await Task.Yield();
            var dense = new Fixtures.BatchDense(c.Dim("in", 1, 6), c.Dim("out", 1, 6), c.Seed) { BiasSumsFirstRowOnly = true };
            GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
        }, NoEnvironment);

        var synchronous = GradientProperty.Run(Test, new GradientPropertySettings(4, 5, null), c =>
        {
            var dense = new Fixtures.BatchDense(c.Dim("in", 1, 6), c.Dim("out", 1, 6), c.Seed) { BiasSumsFirstRowOnly = true };
            GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
        }, NoEnvironment);

        result.Failure.ShouldBeOfType<GradientCheckException>();
        result.Failure!.Message.ShouldBe(synchronous.Failure!.Message);
    }

    [Fact]
    public async Task A_cancelled_run_starts_no_further_case_and_each_case_sees_the_token()
    {
        using var time = new CancellationTokenSource();
        var seen = new List<int>();
        var run = GradientProperty.RunAsync(Test, new GradientPropertySettings(50, 4, null), async c =>
        {
            seen.Add(c.Index);
            c.CancellationToken.ShouldBe(time.Token);
            if (c.Index == 2)
            {
                await time.CancelAsync();
            }

            GradientAssert.Layer(new Fixtures.BatchDense(1, 1, c.Seed), c.Normal<double>(1, 1));
        }, NoEnvironment, time.Token);

        await Should.ThrowAsync<OperationCanceledException>(run);
        seen.ShouldBe([0, 1, 2]);
    }

    [Fact]
    public void A_case_made_by_hand_is_never_cancelled() =>
        new GradientCase(seed: 1).CancellationToken.CanBeCanceled.ShouldBeFalse();
}
