using System.Globalization;
using System.Text.RegularExpressions;
using GradAssert.Cases;
using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Checking;

/// <summary>
/// A parallel check (<see cref="GradCheckOptions.Parallelism"/> above 1) says how far it is inside a tensor, as a serial
/// one does: the threads count together, their reports come one at a time, and each tensor's counts only grow, from 0
/// to the tensor's total. A serial check reports as it always has. (Finite differences, asked for: where the exact
/// reference settles a row, it reports the row's start and end, a few dual passes apart.)
/// </summary>
public sealed class ParallelProgressTests
{
    private const int Wide = 40;

    private static Tensor<double> Input => new GradientCase(12).Normal<double>(3, Wide);

    private static Dense<double> Layer() => new(Wide, Wide, seed: 1);

    private static GradCheckOptions Parallel(IProgress<CheckProgress> progress, bool grouping = true, int threads = 2) =>
        new() { Parallelism = threads, LayerFactory = () => Layer(), Grouping = grouping, Progress = progress, Reference = Reference.Differences };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_parallel_check_tells_its_observer_how_far_a_tensor_is_before_the_tensor_ends(bool grouping)
    {
        var progress = new Collect();

        GradCheck.Layer(Layer(), Input, Parallel(progress, grouping)).Passed.ShouldBeTrue();

        var w = progress.Of("W");
        w.First().ShouldBe(0);
        w.Last().ShouldBe(Wide * Wide);
        w.ShouldContain(done => done > 0 && done < Wide * Wide, $"no report inside W: {string.Join(", ", w)}");
        w.ShouldBeInOrder();
    }

    [Fact]
    public void Reports_of_a_parallel_check_come_one_at_a_time_and_each_tensors_counts_only_grow()
    {
        var progress = new Collect();

        GradCheck.Layer(Layer(), Input, Parallel(progress, grouping: false, threads: 4)).Passed.ShouldBeTrue();

        progress.Overlapped.ShouldBeFalse("two reports were made at once");
        foreach (var tensor in new[] { "W", "b", "input" })
        {
            var done = progress.Of(tensor);
            done.ShouldBeInOrder(SortDirection.Ascending, $"{tensor}: {string.Join(", ", done)}");
            done.Last().ShouldBe(progress.Total(tensor));
            done.ShouldAllBe(d => d >= 0 && d <= progress.Total(tensor));
        }

        progress.Of("W").Count(d => d > 0 && d < Wide * Wide).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void A_serial_check_reports_every_512_elements_as_before()
    {
        var progress = new Collect();

        GradCheck.Layer(Layer(), Input, new GradCheckOptions { Grouping = false, Progress = progress, Reference = Reference.Differences }).Passed.ShouldBeTrue();

        progress.Of("W").ShouldBe([0, 512, 1024, 1536, 1600]);
        progress.Of("b").ShouldBe([0, 40]);
    }

    [Fact]
    public void The_how_far_line_of_a_case_moves_inside_a_tensor_in_a_parallel_check()
    {
        var lines = new List<string>();
        var settings = new GradientPropertySettings(1, 3, null) { Progress = line => { lock (lines) { lines.Add(line); } }, ProgressEvery = TimeSpan.Zero };

        var result = GradientProperty.Run("My.Tests.Parallel", settings, c =>
            GradientAssert.Layer(Layer(), Input, new GradCheckOptions { Parallelism = 2, LayerFactory = () => Layer(), Grouping = false, Reference = Reference.Differences }), _ => null);

        result.Passed.ShouldBeTrue();
        var inside = lines.Select(line => Regex.Match(line, @"is still checking Dense\.W \(end to end\): ([\d,]+) of 1,600 compared"))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        inside.ShouldContain(done => done > 0 && done < 1600, string.Join("\n", lines));
    }

    /// <summary>Collects the reports from whichever thread makes them, and notices two made at once.</summary>
    private sealed class Collect : IProgress<CheckProgress>
    {
        private readonly List<CheckProgress> _reports = [];
        private readonly Lock _adding = new();
        private int _inside;

        public bool Overlapped { get; private set; }

        public void Report(CheckProgress value)
        {
            if (Interlocked.Increment(ref _inside) != 1)
            {
                Overlapped = true;
            }

            Thread.Sleep(1); // widens the window in which a second report would overlap this one
            lock (_adding)
            {
                _reports.Add(value);
            }

            Interlocked.Decrement(ref _inside);
        }

        public int[] Of(string tensor)
        {
            lock (_adding)
            {
                return [.. _reports.Where(r => r.Tensor == tensor).Select(r => r.Done)];
            }
        }

        public int Total(string tensor)
        {
            lock (_adding)
            {
                return _reports.First(r => r.Tensor == tensor).Total;
            }
        }
    }
}
