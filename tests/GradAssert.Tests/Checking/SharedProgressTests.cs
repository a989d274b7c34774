namespace GradAssert.Tests.Checking;

/// <summary>Workers that count together report one at a time, at each multiple crossed, with counts that only grow.</summary>
public sealed class SharedProgressTests
{
    [Fact]
    public void Eight_workers_counting_together_report_increasing_counts_ending_at_their_sum()
    {
        var reports = new List<int>();
        var progress = new SharedProgress(reports.Add, every: 10); // reports.Add unguarded: SharedProgress calls one at a time

        System.Threading.Tasks.Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (int i = 0; i < 1000; i++)
            {
                progress.Advance(1);
            }
        });

        progress.Done.ShouldBe(8000);
        reports.ShouldNotBeEmpty();
        reports.Zip(reports.Skip(1)).ShouldAllBe(pair => pair.Second > pair.First);
        reports.Last().ShouldBe(8000);
    }

    [Fact]
    public void A_count_below_one_already_reported_is_not_reported_again()
    {
        var reports = new List<int>();
        var progress = new SharedProgress(reports.Add, every: 4);

        progress.Advance(9);
        progress.StartAt(2);
        progress.Advance(4);
        progress.Advance(6);

        reports.ShouldBe([9, 12]);
    }
}
