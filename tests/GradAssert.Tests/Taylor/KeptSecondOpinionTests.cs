using System.Text.Json;
using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Taylor;

/// <summary>
/// A row keeps the first 1,000 second opinions that changed a verdict and the first 1,000 of the rest, and counts them
/// all: a correct 5,000,000-weight dense layer got 346,693, whose remainders held about 250 MiB of the report.
/// </summary>
public sealed class KeptSecondOpinionTests
{
    private static readonly Lazy<GradientReport> Wide = new(() =>
        GradCheck.Layer(new Dense<double>(64, 1000, seed: 4), new GradientCase(5).Normal<double>(1, 64), new GradCheckOptions { Reference = Reference.Differences, Seed = 1 }));

    [Fact]
    public void Second_opinions_beyond_the_first_thousand_are_counted_not_kept()
    {
        var w = Wide.Value.Tensors.Single(t => t.Tensor == "W");
        var kept = w.TaylorTests.Where(t => t.SecondOpinion).ToArray();

        w.SecondOpinions.ShouldBeGreaterThan(SecondOpinionRecord.Kept);
        w.SecondOpinionsChanged.ShouldBe(0);
        kept.Length.ShouldBe(SecondOpinionRecord.Kept);
        kept.Select(t => t.Index[0] * 1000 + t.Index[1]).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void Reports_count_every_second_opinion_and_keep_the_first_thousand()
    {
        var w = Wide.Value.Tensors.Single(t => t.Tensor == "W");

        Wide.Value.ToString().ShouldContain($"Dense.W: second opinion for {w.SecondOpinions:D} elements near their tolerance:");
        Wide.Value.ToString().ShouldContain($"; and {w.SecondOpinions - 6:D} more (0 changed)");
        using var json = JsonDocument.Parse(Wide.Value.ToJson());
        var row = json.RootElement.GetProperty("tensors").EnumerateArray().Single(t => t.GetProperty("tensor").GetString() == "W");
        row.GetProperty("secondOpinions").GetInt32().ShouldBe(w.SecondOpinions);
        row.GetProperty("secondOpinionsChanged").GetInt32().ShouldBe(0);
        row.GetProperty("taylorTests").GetArrayLength().ShouldBe(w.TaylorTests.Count);
    }

    [Fact]
    public void Second_opinions_that_changed_verdicts_are_counted_beyond_the_thousand_kept()
    {
        // A float weight gradient 0.1% too large: most of its elements pass the first opinion and read first order.
        var layer = new ScaledGradient<float>(new Dense<float>(64, 1000, seed: 4), "W", 1.001);
        var report = GradCheck.Layer(layer, new GradientCase(5).Normal<float>(1, 64), new GradCheckOptions { Reference = Reference.Differences, Seed = 1 });
        var w = report.Tensors.Single(t => t.Tensor == "W");

        report.Passed.ShouldBeFalse();
        w.SecondOpinionsChanged.ShouldBeGreaterThan(SecondOpinionRecord.Kept);
        w.TaylorTests.Count(t => t.SecondOpinion && t.Overturned).ShouldBe(SecondOpinionRecord.Kept);
        report.ToString().ShouldContain($"; and {w.SecondOpinions - 6:D} more ({w.SecondOpinionsChanged - 6:D} changed)");
    }

    [Fact]
    public void A_row_with_few_second_opinions_keeps_them_all()
    {
        var b = Wide.Value.Tensors.Single(t => t.Tensor == "b");

        b.SecondOpinions.ShouldBeGreaterThan(0);
        b.TaylorTests.Count(t => t.SecondOpinion).ShouldBe(b.SecondOpinions);
    }

    [Fact]
    public void Two_threads_keep_the_same_second_opinions_as_one()
    {
        static Dense<double> Build() => new(64, 1000, seed: 4);
        var parallel = GradCheck.Layer(Build(), new GradientCase(5).Normal<double>(1, 64), new GradCheckOptions { Reference = Reference.Differences, Seed = 1, Parallelism = 2, LayerFactory = Build });

        parallel.ToJson().ShouldBe(Wide.Value.ToJson());
    }

    [Fact]
    public void Which_are_kept_does_not_depend_on_the_order_they_arrive_in()
    {
        // 5,000 positions, every third one changed its verdict: of each kind, the first 1,000 are kept.
        var positions = Enumerable.Range(0, 5000).ToArray();
        var expected = positions.Where(p => p % 3 == 0).Take(SecondOpinionRecord.Kept)
            .Concat(positions.Where(p => p % 3 != 0).Take(SecondOpinionRecord.Kept)).Order().ToArray();
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var record = new SecondOpinionRecord();
            var arrival = (int[])positions.Clone();
            new Random(seed).Shuffle(arrival);
            foreach (int p in arrival)
            {
                record.Add(p, Test(overturned: p % 3 == 0));
            }

            record.Count.ShouldBe(5000);
            record.Changed.ShouldBe(1667);
            record.InOrder.Select(t => t.Position).ShouldBe(expected);
        }
    }

    private static TaylorResult Test(bool overturned)
    {
        var samples = TaylorSteps.Multiples.Select(m => new Sample(m * 1e-3, m * 1e-3, m * 1e-3, 1)).ToArray();
        var steps = new TaylorSteps(1e-3, samples, samples.Select(s => s with { Step = -s.Step }).ToArray(), 1e-16, 0);
        var test = new TaylorResult(TaylorVerdict.SecondOrder, 2, 3, 0, 1e-12, steps);
        return overturned ? test.Overturning() : test;
    }
}
