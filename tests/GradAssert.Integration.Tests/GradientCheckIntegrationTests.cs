using System.Text.RegularExpressions;

namespace GradAssert.Integration.Tests;

/// <summary>
/// Runs the fixture projects (tests/Fixtures: xUnit v2, NUnit, xUnit v3 under `dotnet test` and as a Microsoft Testing
/// Platform executable, MSTest) and checks what a user would see in the results: outcomes, failure messages and output.
/// </summary>
[Collection(FixtureRunsCollection.Name)]
public sealed partial class GradientCheckIntegrationTests(FixtureRuns runs)
{
    private const string BiasBug = "Bias_bug_shrinks_to_batch_two";
    private const string BiasBugReplayed = "Bias_bug_replayed";
    private const string Correct = "Correct_dense_passes";
    private const string ContractBreak = "Contract_break_is_reported";
    private const string UserException = "User_exception_names_its_case";
    private const string Output = "Own_output_and_summary_both_appear";
    private const string WrongSignature = "Wrong_signature_is_refused";
    private const string AsyncCase = "Async_case_that_awaits_is_checked_in_every_case";
    private const string ValueTaskCase = "ValueTask_case_is_checked_in_every_case";
    private const string GenericCase = "Generic_layer_is_checked_once_per_type";
    private const string GenericBug = "Generic_bug_fails_for_float_only";
    private const string TimeoutCase = "Timeout_limits_the_whole_run";
    private const string NoCheck = "No_check_in_any_case_fails";
    private const string GenericRefused = "Generic_without_type_arguments_is_refused";
    private const string Settings = "Settings_on_the_attribute_and_the_assembly_reach_the_check";

    [Theory]
    [Frameworks]
    public async Task Each_gradient_check_method_is_one_test(Framework framework)
    {
        var results = await runs.Default(framework);

        string[] expected = [BiasBugReplayed, BiasBug, ContractBreak, Correct, Output, UserException, WrongSignature, AsyncCase, ValueTaskCase, GenericCase + "<float>", GenericCase + "<double>", GenericBug + "<float>", GenericBug + "<double>", TimeoutCase, NoCheck, GenericRefused, Settings];
        foreach (string method in expected)
        {
            results.Results.Count(r => r.Method == method).ShouldBe(1, $"{method} in\n{string.Join('\n', results.Results.Select(r => r.Method))}");
        }
    }

    [Theory]
    [Frameworks(Framework.XunitV3, Framework.XunitV3Mtp)]
    public async Task A_v3_projects_own_facts_still_run_beside_gradient_checks(Framework framework)
    {
        var result = (await runs.Default(framework))["Plain_fact_still_runs"];

        result.Outcome.ShouldBe("Passed", result.Message);
    }

    [Theory]
    [Frameworks]
    public async Task The_summary_joins_the_tests_own_output(Framework framework)
    {
        var result = (await runs.Default(framework))[Output];

        result.Outcome.ShouldBe("Passed", result.Message);
        // xUnit v2 prefixes its own lines with "[", MSTest heads the test's messages with "TestContext Messages:".
        var lines = result.StdOut.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('[') && line != "TestContext Messages:").ToArray();
        lines.Length.ShouldBe(4, result.StdOut);
        lines[..3].ShouldBe(["user line for case 0", "user line for case 1", "user line for case 2"]);
        lines[3].ShouldStartWith("GradientCheck passed 3 cases (test seed ");
    }

    [Theory]
    [Frameworks]
    public async Task A_correct_layer_passes_and_writes_a_one_line_summary(Framework framework)
    {
        var result = (await runs.Default(framework))[Correct];

        result.Outcome.ShouldBe("Passed", result.Message);
        var summary = result.StdOut.Split('\n').Single(line => line.StartsWith("GradientCheck passed", StringComparison.Ordinal));
        summary.ShouldStartWith("GradientCheck passed 6 cases (test seed ");
        summary.ShouldContain("default for this test");
        summary.ShouldMatch(@"worst error/tolerance per layer \(above 1 fails; the normalized difference beside it where the course's bands apply\): Dense \d[.\de+-]* \(\d\.\d\de-1\d\)\.$");
    }

    [Theory]
    [Frameworks]
    public async Task Settings_on_the_attribute_and_the_assembly_reach_the_checks_and_the_summary_names_their_source(Framework framework)
    {
        var result = (await runs.Default(framework))[Settings];

        result.Outcome.ShouldBe("Passed", result.Message);
        var summary = result.StdOut.Split('\n').Single(line => line.StartsWith("GradientCheck passed", StringComparison.Ordinal));
        summary.ShouldStartWith("GradientCheck passed 5 cases (test seed ");
        summary.ShouldContain("; case count from [assembly: GradientCheckDefaults]; settings from [GradientCheck]: mode, tolerance; sizes ");
    }

    [Theory]
    [Frameworks]
    public async Task A_planted_bias_bug_fails_with_seed_case_sizes_table_and_replay_lines(Framework framework)
    {
        var result = (await runs.Default(framework))[BiasBug];

        ShouldFailWith(result, framework, "GradAssert.GradientCheckException", "GradientCheck failed: a gradient disagrees with finite differences in case 2 of a run of 4 (case seed ");
        string message = result.Message;
        message.ShouldContain("Test: GradAssert.Fixtures.DenseChecks.Bias_bug_shrinks_to_batch_two\n");
        message.ShouldContain("Test seed: 5 (Seed on the attribute); 2 cases passed before it");
        message.ShouldContain("Sizes drawn:      in=5, out=2, batch=4\n");
        TableRow(message, "b").ShouldEndWith("WRONG: 1 of 1 off");
        TableRow(message, "W").ShouldEndWith("ok");
        message.ShouldContain("(case seed 15923006).\nBlame: this layer's own backward is wrong:\n  Dense: b[0] is ");
        message.ShouldContain("  [GradientCheck(Seed = 5, Cases = 4, ReplayCase = 2)]\n");
        message.ShouldContain($"  GRADASSERT_REPLAY=5:2:4 {ReplayCommand(framework, "GradAssert.Fixtures.DenseChecks.Bias_bug_shrinks_to_batch_two")}\n");
        result.StackTrace.ShouldContain("DenseChecks.Bias_bug_shrinks_to_batch_two(GradientCase c)");
    }

    [Theory]
    [Frameworks]
    public async Task Shrinking_reaches_the_smallest_shape_that_shows_the_bias_bug(Framework framework)
    {
        string message = (await runs.Default(framework))[BiasBug].Message;

        Sizes(message, "Sizes drawn:")["batch"].ShouldBeGreaterThan(2);
        Sizes(message, "Smallest failing:").ShouldBe(new Dictionary<string, int> { ["in"] = 1, ["out"] = 1, ["batch"] = 2 });
        TableRow(message, "input").ShouldContain("[2,1]");
        TableRow(message, "b").ShouldContain("[1]");
    }

    [Theory]
    [Frameworks]
    public async Task A_gradient_failure_names_the_chart_of_its_report(Framework framework)
    {
        string message = (await runs.Default(framework))[BiasBug].Message;

        string line = message.Split('\n').Single(l => l.StartsWith("Chart of the report: ", StringComparison.Ordinal));
        string chart = line["Chart of the report: ".Length..];
        File.Exists(chart).ShouldBeTrue(chart);
        File.ReadAllText(chart).ShouldContain("data-tensor=\"b\" data-scope=\"EndToEnd\"");
        File.ReadAllText(chart).ShouldContain("data-passed=\"false\"");
    }

    [Theory]
    [Frameworks(Framework.NUnit, Framework.XunitV3, Framework.XunitV3Mtp, Framework.MSTest, Framework.MSTestMtp)]
    public async Task The_chart_is_attached_to_the_failing_result_where_the_framework_has_attachments(Framework framework)
    {
        var result = (await runs.Default(framework))[BiasBug];

        result.Attachments.ShouldContain(path => path.EndsWith("Bias_bug_shrinks_to_batch_two.svg", StringComparison.Ordinal), result.Message);
    }

    [Theory]
    [Frameworks]
    public async Task The_replay_attribute_reproduces_the_same_failing_case(Framework framework)
    {
        var results = await runs.Default(framework);
        string original = results[BiasBug].Message;
        string replayed = results[BiasBugReplayed].Message;

        results[BiasBugReplayed].Outcome.ShouldBe("Failed");
        FirstLine(replayed).ShouldBe(FirstLine(original));
        replayed.ShouldContain("Test seed: 5 (replay); replayed this one case.");
        FromSizesToReplay(replayed).ShouldBe(FromSizesToReplay(original));
    }

    [Theory]
    [Frameworks(Framework.Xunit, Framework.NUnit, Framework.XunitV3, Framework.MSTest)]
    public async Task GRADASSERT_SEED_and_GRADASSERT_CASES_change_what_runs(Framework framework)
    {
        var defaults = await runs.Default(framework);
        var changed = await runs.WithEnvironment(framework);

        changed[Correct].Outcome.ShouldBe("Passed", changed[Correct].Message);
        changed[Correct].StdOut.ShouldContain($"GradientCheck passed {FixtureRuns.EnvironmentCases} cases (test seed {FixtureRuns.EnvironmentSeed}, GRADASSERT_SEED");
        string userException = changed[UserException].Message;
        userException.ShouldContain($"of a run of {FixtureRuns.EnvironmentCases} (case seed ");
        userException.ShouldContain($"Test seed: {FixtureRuns.EnvironmentSeed} (GRADASSERT_SEED)");
        userException.ShouldMatch($@"\n  GRADASSERT_REPLAY={FixtureRuns.EnvironmentSeed}:\d+:{FixtureRuns.EnvironmentCases} dotnet test ");
        FirstLine(userException).ShouldNotBe(FirstLine(defaults[UserException].Message));

        // The environment replaces a Seed set on the attribute too, but never a Replay.
        changed[BiasBug].Message.ShouldContain($"Test seed: {FixtureRuns.EnvironmentSeed} (GRADASSERT_SEED)");
        changed[BiasBug].Message.ShouldContain($"of a run of {FixtureRuns.EnvironmentCases} (case seed ");
        changed[BiasBugReplayed].Message.ShouldBe(defaults[BiasBugReplayed].Message);
    }

    // The printed line is the command of the runner in use: `dotnet test --filter` under VSTest, `dotnet run` with the
    // platform's own filter for a Microsoft Testing Platform executable.
    [Theory]
    [Frameworks]
    public async Task The_printed_replay_line_is_the_runners_command_and_reruns_just_that_test_reproducing_its_failure(Framework framework)
    {
        string original = (await runs.Default(framework))[BiasBug].Message;
        var (token, filter) = ReplayLine(original, framework, "GradAssert.Fixtures.DenseChecks.Bias_bug_shrinks_to_batch_two");

        var again = await runs.Run(framework, "replay-line", new Dictionary<string, string> { ["GRADASSERT_REPLAY"] = token }, filter);

        again.Results.Select(r => r.Method).ShouldBe([BiasBug]);
        again[BiasBug].Message.ShouldContain("(GRADASSERT_REPLAY); replayed this one case.");
        FromSizesToReplay(again[BiasBug].Message).ShouldBe(FromSizesToReplay(original));
        FirstLine(again[BiasBug].Message).ShouldBe(FirstLine(original));
    }

    // A generic test's line replays the failing type argument alone: the other runs as it always does, with its own seed.
    [Theory]
    [Frameworks]
    public async Task A_generic_tests_replay_line_replays_the_failing_type_argument_and_leaves_the_other_its_own_seed(Framework framework)
    {
        var defaults = await runs.Default(framework);
        var failing = defaults[GenericBug + "<float>"];
        var other = defaults[GenericBug + "<double>"];
        failing.Outcome.ShouldBe("Failed", failing.Message);
        other.Outcome.ShouldBe("Passed", other.Message);
        failing.Message.ShouldContain("  [GradientCheck(typeof(float), Seed = ");
        var (token, filter) = ReplayLine(failing.Message, framework, "GradAssert.Fixtures.ShapeChecks." + GenericBug);
        token.ShouldEndWith(":float");

        var again = await runs.Run(framework, "generic-replay-line", new Dictionary<string, string> { ["GRADASSERT_REPLAY"] = token }, filter);

        again.Results.Select(r => r.Method).Order().ShouldBe([GenericBug + "<double>", GenericBug + "<float>"]);
        again[GenericBug + "<float>"].Message.ShouldContain("(GRADASSERT_REPLAY); replayed this one case.");
        FromSizesToReplay(again[GenericBug + "<float>"].Message).ShouldBe(FromSizesToReplay(failing.Message));
        again[GenericBug + "<double>"].Outcome.ShouldBe("Passed", again[GenericBug + "<double>"].Message);
        Summary(again[GenericBug + "<double>"]).ShouldBe(Summary(other));
        Summary(other).ShouldContain(", default for this test;");
    }

    [Theory]
    [Frameworks]
    public async Task A_contract_violation_fails_with_its_own_message_not_as_a_gradient_mismatch(Framework framework)
    {
        var result = (await runs.Default(framework))[ContractBreak];

        ShouldFailWith(result, framework, "GradAssert.LayerContractException", "GradientCheck failed: the layer broke the contract in case ");
        result.Message.ShouldContain("Backward returned an input gradient of shape [1,2], but the input has shape [1,1]");
        Sizes(result.Message, "Smallest failing:").ShouldBe(new Dictionary<string, int> { ["in"] = 1, ["out"] = 1, ["batch"] = 1 });
        result.Message.ShouldNotContain("disagrees with finite differences");
    }

    [Theory]
    [Frameworks]
    public async Task An_exception_from_the_test_names_its_case_and_keeps_its_stack(Framework framework)
    {
        var result = (await runs.Default(framework))[UserException];

        ShouldFailWith(result, framework, "GradAssert.GradientCaseException", "GradientCheck failed: the test threw InvalidOperationException in case ");
        result.Message.ShouldContain("System.InvalidOperationException in the smallest failing case:\nbatch 3 is more than this layer supports");
        Sizes(result.Message, "Smallest failing:").ShouldBe(new Dictionary<string, int> { ["batch"] = 3 });
        result.StackTrace.ShouldContain("DenseChecks.User_exception_names_its_case");
    }

    [Theory]
    [Frameworks]
    public async Task A_method_that_does_not_take_a_GradientCase_fails_with_what_would_fit(Framework framework)
    {
        var results = await runs.Default(framework);

        foreach (var (method, why) in new[] { (WrongSignature, "it takes (Int32 batch)."), (GenericRefused, "it is generic, but the attribute gives no type arguments.") })
        {
            results[method].Outcome.ShouldBe("Failed");
            results[method].Message.ShouldContain("[GradientCheck] needs a method that returns void, Task or ValueTask and takes one GradientCase");
            results[method].Message.ShouldContain("'[GradientCheck(typeof(float), typeof(double))] public void Dense_backward<T>(GradientCase c)'");
            results[method].Message.ShouldContain($"{method} does not fit: {why}");
        }
    }

    [Theory]
    [Frameworks(Framework.NUnit, Framework.XunitV3, Framework.XunitV3Mtp, Framework.MSTest, Framework.MSTestMtp)]
    public async Task Every_framework_prints_the_same_failure_message_as_xunit_v2(Framework framework)
    {
        var xunit = await runs.Default(Framework.Xunit);
        var other = await runs.Default(framework);

        foreach (string method in new[] { BiasBug, BiasBugReplayed, ContractBreak, UserException, NoCheck })
        {
            string expected = Core(xunit[method].Message);
            expected.ShouldNotBeEmpty(method);
            Core(other[method].Message).ShouldBe(expected, method);
        }
    }

    [Theory]
    [Frameworks]
    public async Task Async_case_that_awaits_is_checked_in_every_case(Framework framework)
    {
        var results = await runs.Default(framework);

        foreach (var (method, cases) in new[] { (AsyncCase, 4), (ValueTaskCase, 3) })
        {
            results[method].Outcome.ShouldBe("Passed", results[method].Message);

            // The check after the await counted for its case: no case went without one.
            results[method].StdOut.ShouldContain($"GradientCheck passed {cases} cases (test seed ");
            results[method].StdOut.ShouldContain("worst error/tolerance per layer (above 1 fails; the normalized difference beside it where the course's bands apply): Dense ");
        }
    }

    [Theory]
    [Frameworks]
    public async Task A_generic_method_is_one_test_per_type_argument_each_with_its_own_seed(Framework framework)
    {
        var results = await runs.Default(framework);
        var single = results[GenericCase + "<float>"];
        var @double = results[GenericCase + "<double>"];

        single.Outcome.ShouldBe("Passed", single.Message);
        @double.Outcome.ShouldBe("Passed", @double.Message);
        single.StdOut.ShouldContain("GradientCheck passed 3 cases (test seed 382840637, default for this test;");
        @double.StdOut.ShouldContain("GradientCheck passed 3 cases (test seed 1156769, default for this test;");
    }

    [Theory]
    [Frameworks]
    public async Task The_frameworks_timeout_limits_the_whole_run_not_each_case(Framework framework)
    {
        var result = (await runs.Default(framework))[TimeoutCase];

        // 100 cases of 50 ms each, under a limit of 500 ms: every case fits, the run does not.
        result.Outcome.ShouldNotBe("Passed");
        result.Message.ShouldMatch(@"(timed out after 500 milliseconds|exceeded CancelAfter value of 500ms|ran longer than its \[Timeout\(500\)\] of 500 ms)");
    }

    [Theory]
    [Frameworks]
    public async Task A_test_that_ran_no_gradient_check_in_any_case_fails_saying_so(Framework framework)
    {
        var result = (await runs.Default(framework))[NoCheck];

        ShouldFailWith(result, framework, "GradAssert.GradientCaseException", "GradientCheck failed: no gradient check ran in any of the 3 cases, so nothing was checked.\n");
        result.Message.ShouldContain("call GradientAssert.Layer, GradCheck.Layer or ShouldPassGradientCheck (GradAssert.Shouldly) inside the test");
    }

    // MSTest's results carry the message alone; the others start it with the exception's type.
    private static void ShouldFailWith(TrxResult result, Framework framework, string exceptionType, string start)
    {
        result.Outcome.ShouldBe("Failed", result.Message);
        result.Message.ShouldStartWith(framework is Framework.MSTest or Framework.MSTestMtp ? start : $"{exceptionType} : {start}");
    }

    /// <summary>The command a failure must print to run <paramref name="method"/> again under the framework's runner.</summary>
    private static string ReplayCommand(Framework framework, string method) => framework switch
    {
        Framework.XunitV3Mtp => $"dotnet run --framework net10.0 -- --filter-method {method}",
        Framework.MSTestMtp => $"dotnet run --framework net10.0 -- --filter FullyQualifiedName={method}",
        _ => $"dotnet test --filter FullyQualifiedName={method}",
    };

    /// <summary>
    /// The replay line's token and filter, after checking the line is the runner's command: what the harness passes
    /// as the environment and as arguments (after its own project, results and report arguments).
    /// </summary>
    private static (string Token, string[] Filter) ReplayLine(string message, Framework framework, string method)
    {
        var line = ReplayLinePattern().Match(message);
        line.Success.ShouldBeTrue(message);
        line.Groups[2].Value.ShouldBe(ReplayCommand(framework, method), message);
        string command = line.Groups[2].Value;
        string[] filter = command[(command.IndexOf(" -- ", StringComparison.Ordinal) is >= 0 and var dashes ? dashes + 4 : "dotnet test ".Length)..].Split(' ');
        return (line.Groups[1].Value, filter);
    }

    private static string Summary(TrxResult result) =>
        result.StdOut.Split('\n').Single(line => line.StartsWith("GradientCheck passed", StringComparison.Ordinal));

    private static string FirstLine(string message) => message.Split('\n')[0];

    // The framework-independent part: from the headline to the replay attribute (to the end of the test seed line for
    // a failure without one); the shell line after it is the runner's own.
    private static string Core(string message)
    {
        int start = message.IndexOf("GradientCheck failed", StringComparison.Ordinal);
        int end = message.IndexOf("\n  GRADASSERT_REPLAY=", StringComparison.Ordinal);
        end = end < 0 ? message.IndexOf("\nA [GradientCheck] test passes only", StringComparison.Ordinal) : end;
        return start < 0 || end < 0 ? string.Empty : message[start..end];
    }

    private static string FromSizesToReplay(string message)
    {
        int start = message.IndexOf("Sizes drawn:", StringComparison.Ordinal);
        int end = message.IndexOf("Replay exactly this case", StringComparison.Ordinal);
        return message[start..end];
    }

    private static string TableRow(string message, string tensor) =>
        message.Split('\n').Single(line => Regex.IsMatch(line, $@"^\s+Dense\s+{Regex.Escape(tensor)}\s+\["));

    private static Dictionary<string, int> Sizes(string message, string label)
    {
        string line = message.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal));
        return SizePattern().Matches(line).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"\n  GRADASSERT_REPLAY=(\S+) (dotnet [^\n]+)\n")]
    private static partial Regex ReplayLinePattern();

    [GeneratedRegex(@"(\w+)=(\d+)")]
    private static partial Regex SizePattern();
}
