using System.Text.RegularExpressions;

namespace GradAssert.Adapters.Tests;

public sealed partial class GradientPropertyTests
{
    private const string Test = "My.Tests.Dense_backward_matches";

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static void CorrectDense(GradientCase c)
    {
        var dense = new Fixtures.BatchDense(c.Dim("in", 1, 6), c.Dim("out", 1, 6), c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
    }

    private static void BiasBug(GradientCase c)
    {
        var dense = new Fixtures.BatchDense(c.Dim("in", 1, 6), c.Dim("out", 1, 6), c.Seed) { BiasSumsFirstRowOnly = true };
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
    }

    [Fact]
    public void A_passing_run_runs_every_case_and_summarizes_the_worst_error_to_tolerance_per_layer()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(5, 3, null), CorrectDense, NoEnvironment);

        result.Passed.ShouldBeTrue();
        result.CasesRun.ShouldBe(5);
        result.Summary.ShouldStartWith("GradientCheck passed 5 cases (test seed 3, Seed on the attribute; sizes in ");
        result.Summary.ShouldMatch(@"worst error/tolerance per layer \(above 1 fails; the normalized difference beside it where the course's bands apply\): Dense \d[.\de+-]* \(\d\.\d\de-\d\d\)\.$");
        result.ThrowIfFailed().ShouldBe(result.Summary);
    }

    [Fact]
    public void The_summary_carries_the_warning_of_a_tensor_mostly_at_kinks()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(2, 3, null), c =>
            GradientAssert.Layer(new AbsoluteValue(), new Tensor<double>([3], [1e-9, -2e-9, 0.5])), NoEnvironment);

        result.Passed.ShouldBeTrue();
        result.Summary.ShouldEndWith("Warning (1): most elements of AbsoluteValue.input (2 of 3) sat at kinks and were skipped, so its check proves little: move the inputs away from the non-differentiable points, or use a smaller step.");
    }

    [Fact]
    public void A_run_in_which_no_case_ran_a_gradient_check_fails_saying_what_to_call()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(2, 3, null), c => c.Dim("n", 1, 2), NoEnvironment);

        result.Passed.ShouldBeFalse();
        result.FailingCase.ShouldBeNull();
        var failure = result.Failure.ShouldBeOfType<GradientCaseException>();
        failure.InnerException.ShouldBeNull();
        failure.Message.ShouldStartWith("GradientCheck failed: no gradient check ran in any of the 2 cases, so nothing was checked.\n");
        failure.Message.ShouldContain($"Test: {Test}\nTest seed: 3 (Seed on the attribute).\n");
        failure.Message.ShouldContain("call GradientAssert.Layer, GradCheck.Layer or ShouldPassGradientCheck (GradAssert.Shouldly) inside the test");
    }

    [Fact]
    public void A_run_passes_when_some_cases_checked_and_others_did_not()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(4, 3, null), c =>
        {
            if (c.Index == 3)
            {
                CorrectDense(c);
            }
        }, NoEnvironment);

        result.Passed.ShouldBeTrue(result.Summary);
        result.Summary.ShouldStartWith("GradientCheck passed 4 cases");
    }

    [Fact]
    public void A_report_from_GradCheck_that_does_not_throw_counts_as_a_check()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(2, 3, null), c =>
            GradCheck.Layer(new Fixtures.BatchDense(2, 2, c.Seed), c.Normal<double>(2, 2)).Passed.ShouldBeTrue(), NoEnvironment);

        result.Passed.ShouldBeTrue(result.Summary);
    }

    [Fact]
    public void The_run_stops_at_the_first_failing_case()
    {
        var seen = new List<int>();
        var result = GradientProperty.Run(Test, new GradientPropertySettings(10, 3, null), c =>
        {
            seen.Add(c.Index);
            if (c.Index == 4)
            {
                throw new InvalidOperationException("case 4");
            }
        }, NoEnvironment);

        result.Passed.ShouldBeFalse();
        seen.ShouldBe([0, 1, 2, 3, 4]);
        result.FailingCase!.Index.ShouldBe(4);
    }

    [Fact]
    public void A_bias_bug_that_needs_two_rows_shrinks_to_batch_two_and_reports_the_shrunk_table()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(4, 5, null), BiasBug, NoEnvironment);

        result.FailingCase!.Dims.Single(d => d.Name == "batch").Value.ShouldBeGreaterThan(2);
        Sizes(result.SmallestFailingCase!).ShouldBe("in=1, out=1, batch=2");
        var failure = result.Failure.ShouldBeOfType<GradientCheckException>();
        failure.Report.Tensors.Single(t => t.Tensor == "input").Shape.ShouldBe([2, 1]);
        failure.Message.ShouldContain("Smallest failing: in=1, out=1, batch=2 (after ");
        failure.Message.ShouldContain(ReportTable.Render(failure.Report, includeReplay: false, includeBlame: false).TrimEnd());
        failure.Message.ShouldNotContain("Replay: pass new GradCheckOptions");
    }

    [Fact]
    public void A_failure_judged_by_the_exact_reference_says_so_in_its_first_line()
    {
        var failure = GradientProperty.Run(Test, new GradientPropertySettings(2, 3, null), c =>
            GradientAssert.Layer(new Fixtures.ElementwiseScale<double>(3, c.Seed) { WeightGradientDoubled = true }, c.Normal<double>(2, 3)), NoEnvironment)
            .Failure.ShouldBeOfType<GradientCheckException>();

        failure.Message.Split('\n')[0].ShouldStartWith("GradientCheck failed: a gradient disagrees with its exact derivatives in case ");
    }

    [Fact]
    public void A_gradient_failure_leads_with_the_blame_of_the_smallest_case_and_says_it_once()
    {
        var failure = GradientProperty.Run(Test, new GradientPropertySettings(4, 5, null), BiasBug, NoEnvironment).Failure.ShouldBeOfType<GradientCheckException>();
        var lines = failure.Message.Split('\n');

        lines[0].ShouldStartWith("GradientCheck failed: a gradient disagrees with finite differences in case ");
        lines[1].ShouldBe("Blame: this layer's own backward is wrong:");
        lines[2].ShouldStartWith("  Dense: b[0] is ");
        lines[3].ShouldBe($"Test: {Test}");
        (lines[1] + "\n" + lines[2] + "\n").ShouldBe(ReportTable.Conclusion(failure.Report));
        lines.Count(l => l.StartsWith("Blame:", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void A_gradient_failure_writes_the_chart_of_the_smallest_case_and_names_it()
    {
        string folder = Directory.CreateTempSubdirectory("gradassert-charts-").FullName;
        Func<string, string?> environment = name => name == "GRADASSERT_ARTIFACTS" ? folder : null;

        var result = GradientProperty.Run(Test, new GradientPropertySettings(4, 5, null), BiasBug, environment);

        result.ChartPath.ShouldBe(Path.Combine(folder, Test + ".svg"));
        File.ReadAllText(result.ChartPath!).ShouldContain("data-tensor=\"b\" data-scope=\"EndToEnd\" data-difference=");
        result.Failure!.Message.ShouldContain($"Chart of the report: {result.ChartPath}");
    }

    [Fact]
    public void A_failure_that_is_not_a_gradient_writes_no_chart()
    {
        string folder = Directory.CreateTempSubdirectory("gradassert-charts-").FullName;

        var result = GradientProperty.Run(Test, new GradientPropertySettings(2, 5, null), _ => throw new InvalidOperationException("boom"), name => name == "GRADASSERT_ARTIFACTS" ? folder : null);

        result.ChartPath.ShouldBeNull();
        Directory.GetFiles(folder).ShouldBeEmpty();
        result.Failure!.Message.ShouldNotContain("Chart of the report");
    }

    [Fact]
    public void Shrinking_moves_each_size_to_the_smallest_value_that_still_fails()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(1, 8, null), c =>
        {
            if (c.Dim("a", 0, 1000) >= 37 && c.Dim("b", 0, 1000) >= 5)
            {
                throw new InvalidOperationException("too big");
            }
        }, NoEnvironment);

        Sizes(result.FailingCase!).ShouldNotBe("a=37, b=5");
        Sizes(result.SmallestFailingCase!).ShouldBe("a=37, b=5");
    }

    [Fact]
    public void Shrinking_keeps_only_smaller_cases_that_fail_the_same_way()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(1, 8, null), c =>
        {
            int n = c.Dim("n", 0, 1000);
            if (n >= 20)
            {
                throw new InvalidOperationException("big");
            }

            if (n >= 1)
            {
                throw new ArgumentException("small");
            }
        }, NoEnvironment);

        Sizes(result.SmallestFailingCase!).ShouldBe("n=20");
        result.Failure!.InnerException.ShouldBeOfType<InvalidOperationException>();
    }

    [Fact]
    public void Shrinking_candidates_go_from_the_minimum_toward_the_failing_value_halving_the_distance()
    {
        Shrinker.Candidates(0, 10).ShouldBe([0, 5, 8, 9]);
        Shrinker.Candidates(3, 4).ShouldBe([3]);
        Shrinker.Candidates(5, 5).ShouldBeEmpty();
    }

    [Fact]
    public void The_failure_message_names_seed_case_sizes_and_both_replay_forms()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(4, 5, null), BiasBug, NoEnvironment);
        var original = result.FailingCase!;
        string message = result.Failure!.Message;

        message.ShouldStartWith($"GradientCheck failed: a gradient disagrees with finite differences in case {original.Index} of a run of 4 (case seed {original.Seed}).\n");
        message.ShouldContain($"Test: {Test}\n");
        message.ShouldContain("Test seed: 5 (Seed on the attribute)");
        message.ShouldContain($"Sizes drawn:      {Sizes(original)}\n");
        message.ShouldContain($"Replay exactly this case (it shrinks again the same way):\n  [GradientCheck(Seed = 5, Cases = 4, ReplayCase = {original.Index})]\n");
        message.ShouldContain($"\n  GRADASSERT_REPLAY=5:{original.Index}:4 dotnet test --filter FullyQualifiedName={Test}\n");
    }

    [Fact]
    public void A_replayed_case_that_passes_says_so_in_its_summary()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(4, 5, null), _ => GradientAssert.Layer(new GradAssert.Fixtures.BatchDense(1, 1, 1), new GradientCase(1).Normal<double>(1, 1)), name => name == "GRADASSERT_REPLAY" ? "5:2:4" : null);

        result.Summary.ShouldStartWith("GradientCheck passed 1 case (test seed 5, GRADASSERT_REPLAY; replayed case 2 of a run of 4): ");
    }

    [Fact]
    public void The_replay_lines_hold_no_quote_or_backslash_which_xunits_TRX_would_escape()
    {
        string message = GradientProperty.Run(Test, new GradientPropertySettings(4, 5, null), BiasBug, NoEnvironment).Failure!.Message;

        string replay = message[message.IndexOf("Replay exactly this case", StringComparison.Ordinal)..message.IndexOf("\nChart of the report", StringComparison.Ordinal)];
        replay.ShouldNotContain("\"");
        replay.ShouldNotContain("\\");
    }

    [Fact]
    public void The_replay_line_uses_the_adapters_command_for_the_runner_in_use()
    {
        var settings = new GradientPropertySettings(4, 5, null) { ReplayCommand = method => $"dotnet run --framework net8.0 -- --filter-method {method}" };

        string message = GradientProperty.Run(Test, settings, BiasBug, NoEnvironment).Failure!.Message;

        message.ShouldContain($"  GRADASSERT_REPLAY=5:2:4 dotnet run --framework net8.0 -- --filter-method {Test}\n");
        message.ShouldNotContain("dotnet test");
    }

    [Theory]
    [InlineData("My.Tests.Dense_backward", "My.Tests.Dense_backward")]
    [InlineData("My.Tests.Outer+Inner.Dense", "My.Tests.Outer+Inner.Dense")]
    [InlineData("My.Tests.Généric", "'My.Tests.Généric'")]
    [InlineData("My.Tests.Class`1.Dense", "'My.Tests.Class`1.Dense'")]
    [InlineData("it's", "'it'\\''s'")]
    public void A_test_name_the_shell_would_read_is_quoted_in_the_replay_line(string name, string word)
    {
        PropertyMessages.ShellWord(name).ShouldBe(word);
    }

    [Fact]
    public void Replaying_the_printed_token_or_environment_reproduces_the_failure()
    {
        var first = GradientProperty.Run(Test, new GradientPropertySettings(20, null, null), BiasBug, NoEnvironment);
        string message = first.Failure!.Message;
        var attribute = ReplayAttribute().Match(message);
        string token = EnvironmentLine().Match(message).Groups[1].Value;
        int Group(string name) => int.Parse(attribute.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);

        var replayed = GradientProperty.Run("Other.Name", new GradientPropertySettings(3, null, token), BiasBug, NoEnvironment);
        var fromAttribute = GradientProperty.Run(Test, new GradientPropertySettings(Group("cases"), Group("seed"), null) { ReplayCase = Group("case") }, BiasBug, NoEnvironment);
        var fromEnvironment = GradientProperty.Run(Test, new GradientPropertySettings(7, 1, null), BiasBug, name => name == "GRADASSERT_REPLAY" ? token : null);

        foreach (var again in new[] { replayed, fromAttribute, fromEnvironment })
        {
            again.FailingCase!.Seed.ShouldBe(first.FailingCase!.Seed);
            Sizes(again.FailingCase).ShouldBe(Sizes(first.FailingCase));
            Sizes(again.SmallestFailingCase!).ShouldBe(Sizes(first.SmallestFailingCase!));
            again.Failure.ShouldBeOfType<GradientCheckException>().Report.ToString().ShouldBe(((GradientCheckException)first.Failure).Report.ToString());
        }
    }

    [Fact]
    public void A_contract_violation_fails_as_a_contract_error_with_the_original_inside()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(3, 1, null), c =>
        {
            var dense = new Fixtures.BatchDense(c.Dim("in", 1, 6), 2, c.Seed) { InputGradientTooWide = true };
            GradientAssert.Layer(dense, c.Normal<double>(2, dense.Inputs));
        }, NoEnvironment);

        var failure = result.Failure.ShouldBeOfType<LayerContractException>();
        failure.Message.ShouldStartWith("GradientCheck failed: the layer broke the contract in case 0 ");
        failure.InnerException.ShouldBeOfType<LayerContractException>();
        failure.Message.ShouldContain(failure.InnerException!.Message);
        Sizes(result.SmallestFailingCase!).ShouldBe("in=1");
    }

    [Fact]
    public void An_exception_from_the_test_keeps_the_original_as_the_inner_exception()
    {
        var thrown = new List<Exception>();
        var result = GradientProperty.Run(Test, new GradientPropertySettings(3, 1, null), c =>
        {
            var error = new KeyNotFoundException("no such layer");
            thrown.Add(error);
            throw error;
        }, NoEnvironment);

        var failure = result.Failure.ShouldBeOfType<GradientCaseException>();
        failure.InnerException.ShouldBeSameAs(thrown.Last());
        failure.Message.ShouldStartWith("GradientCheck failed: the test threw KeyNotFoundException in case 0 ");
        failure.Message.ShouldContain("Smallest failing: the same case (it draws no sizes, so there is nothing to shrink)");
        failure.Message.ShouldContain("no such layer");
    }

    [Fact]
    public void Runs_in_parallel_do_not_disturb_each_other()
    {
        string expected = GradientProperty.Run(Test, new GradientPropertySettings(6, 5, null), BiasBug, NoEnvironment).Failure!.Message;
        var messages = new string[8];

        Parallel.For(0, messages.Length, i =>
            messages[i] = GradientProperty.Run(Test, new GradientPropertySettings(6, 5, null), BiasBug, NoEnvironment).Failure!.Message);

        messages.ShouldAllBe(m => m == expected);
    }

    private static string Sizes(GradientCase c) => string.Join(", ", c.Dims.Select(d => $"{d.Name}={d.Value}"));

    [GeneratedRegex(@"\[GradientCheck\(Seed = (?<seed>-?\d+), Cases = (?<cases>\d+), ReplayCase = (?<case>\d+)\)\]")]
    private static partial Regex ReplayAttribute();

    [GeneratedRegex(@"GRADASSERT_REPLAY=(\S+) dotnet test")]
    private static partial Regex EnvironmentLine();

    /// <summary>y = |x|: a kink at 0.</summary>
    private sealed class AbsoluteValue : ILayer<double>
    {
        private Tensor<double> _input = new(0);

        public IReadOnlyList<Parameter<double>> Parameters => [];

        public Tensor<double> Forward(Tensor<double> input)
        {
            _input = input.Clone();
            return new Tensor<double>([.. input.Shape], input.Data.Select(Math.Abs).ToArray());
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) =>
            new([.. _input.Shape], _input.Data.Select((x, i) => x >= 0 ? outputGradient.Data[i] : -outputGradient.Data[i]).ToArray());
    }
}
