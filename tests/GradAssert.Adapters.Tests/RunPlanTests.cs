namespace GradAssert.Adapters.Tests;

public sealed class RunPlanTests
{
    private const string Test = "My.Tests.Dense_backward_matches";

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Fact]
    public void The_default_seed_is_a_stable_hash_of_the_test_name()
    {
        // The value is pinned: it must be the same in every process and on every machine.
        CaseSeeds.ForTest("GradAssert.Fixtures.DenseChecks.Correct_dense_passes").ShouldBe(765024512);
        CaseSeeds.ForTest("a.b.C").ShouldNotBe(CaseSeeds.ForTest("a.b.D"));
    }

    [Fact]
    public void Each_case_gets_its_own_seed_from_the_test_seed_and_its_index()
    {
        var seeds = Enumerable.Range(0, 100).Select(i => CaseSeeds.ForCase(5, i)).ToArray();

        seeds.Distinct().Count().ShouldBe(100);
        seeds.ShouldAllBe(s => s >= 0);
        CaseSeeds.ForCase(5, 2).ShouldBe(CaseSeeds.ForCase(5, 2));
        CaseSeeds.ForCase(6, 2).ShouldNotBe(CaseSeeds.ForCase(5, 2));
    }

    [Fact]
    public void Without_environment_the_attribute_decides()
    {
        var plan = RunPlan.Resolve(Test, new GradientPropertySettings(12, null, null), Environment());

        plan.ShouldBe(new RunPlan(CaseSeeds.ForTest(Test), 12, 0, 11, "default for this test", "attribute"));
        RunPlan.Resolve(Test, new GradientPropertySettings(12, 99, null), Environment()).TestSeed.ShouldBe(99);
    }

    [Fact]
    public void GRADASSERT_SEED_replaces_the_default_and_the_attribute_seed()
    {
        var env = Environment(("GRADASSERT_SEED", "-17"));

        RunPlan.Resolve(Test, new GradientPropertySettings(12, null, null), env).TestSeed.ShouldBe(-17);
        RunPlan.Resolve(Test, new GradientPropertySettings(12, 99, null), env).TestSeed.ShouldBe(-17);
    }

    [Theory]
    [InlineData("50", 50)]
    [InlineData("4x", 48)]
    [InlineData("0.5x", 6)]
    [InlineData("0.01x", 1)]
    public void GRADASSERT_CASES_replaces_a_count_and_scales_by_a_factor(string value, int cases)
    {
        var plan = RunPlan.Resolve(Test, new GradientPropertySettings(12, null, null), Environment(("GRADASSERT_CASES", value)));

        plan.Cases.ShouldBe(cases);
        plan.Last.ShouldBe(cases - 1);
    }

    [Theory]
    [InlineData("GRADASSERT_SEED", "lots")]
    [InlineData("GRADASSERT_CASES", "0")]
    [InlineData("GRADASSERT_CASES", "x")]
    [InlineData("GRADASSERT_CASES", "-2x")]
    public void A_malformed_variable_is_an_error_that_names_it(string name, string value)
    {
        var error = Should.Throw<InvalidOperationException>(
            () => RunPlan.Resolve(Test, new GradientPropertySettings(12, null, null), Environment((name, value))));

        error.Message.ShouldContain(name);
        error.Message.ShouldContain($"'{value}'");
    }

    [Fact]
    public void A_replay_runs_its_one_case_and_ignores_the_environment()
    {
        var plan = RunPlan.Resolve(
            Test, new GradientPropertySettings(12, 3, "77:4:9"), Environment(("GRADASSERT_SEED", "1"), ("GRADASSERT_CASES", "100")));

        plan.ShouldBe(new RunPlan(77, 9, 4, 4, "replay", "replay", IsReplay: true));
    }

    [Theory]
    [InlineData("77:4")]
    [InlineData("77:9:9")]
    [InlineData("seed:1:2")]
    [InlineData("1:-1:3")]
    [InlineData("1:1:3:int")]
    [InlineData("1:1:3:float:x")]
    public void A_malformed_replay_token_says_what_is_expected(string token)
    {
        var error = Should.Throw<FormatException>(() => ReplayToken.Parse(token));

        error.Message.ShouldContain("\"testSeed:case:cases\"");
        error.Message.ShouldContain("\"testSeed:case:cases:float\"");
    }

    [Fact]
    public void ReplayCase_runs_that_one_case_of_the_attributes_run_and_ignores_the_environment()
    {
        var settings = new GradientPropertySettings(9, 77, null) { ReplayCase = 4 };

        var plan = RunPlan.Resolve(Test, settings, Environment(("GRADASSERT_SEED", "1"), ("GRADASSERT_CASES", "100"), ("GRADASSERT_REPLAY", "5:0:2")));

        plan.ShouldBe(new RunPlan(77, 9, 4, 4, "replay", "replay", IsReplay: true));
        RunPlan.Resolve(Test, new GradientPropertySettings(9, null, null) { ReplayCase = 4 }, Environment()).TestSeed.ShouldBe(CaseSeeds.ForTest(Test));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    public void A_ReplayCase_outside_the_run_is_refused(int replayCase)
    {
        var error = Should.Throw<ArgumentOutOfRangeException>(() => RunPlan.Resolve(Test, new GradientPropertySettings(9, 77, null) { ReplayCase = replayCase }, Environment()));

        error.Message.ShouldContain($"ReplayCase = {replayCase}, which is not a case of its run of 9");
    }

    [Fact]
    public void Replay_and_ReplayCase_together_are_refused()
    {
        var error = Should.Throw<ArgumentException>(() => RunPlan.Resolve(Test, new GradientPropertySettings(9, 77, "77:4:9") { ReplayCase = 4 }, Environment()));

        error.Message.ShouldContain("sets both Replay and ReplayCase");
    }

    [Fact]
    public void GRADASSERT_REPLAY_runs_its_one_case_and_wins_over_GRADASSERT_SEED_and_GRADASSERT_CASES()
    {
        var plan = RunPlan.Resolve(Test, new GradientPropertySettings(12, 3, null), Environment(("GRADASSERT_SEED", "1"), ("GRADASSERT_CASES", "100"), ("GRADASSERT_REPLAY", "77:4:9")));

        plan.ShouldBe(new RunPlan(77, 9, 4, 4, "GRADASSERT_REPLAY", "GRADASSERT_REPLAY", IsReplay: true));
    }

    [Fact]
    public void A_replay_on_the_attribute_wins_over_GRADASSERT_REPLAY()
    {
        var plan = RunPlan.Resolve(Test, new GradientPropertySettings(12, 3, "77:4:9"), Environment(("GRADASSERT_REPLAY", "5:1:2")));

        plan.TestSeed.ShouldBe(77);
        plan.SeedSource.ShouldBe("replay");
    }

    [Fact]
    public void A_malformed_GRADASSERT_REPLAY_names_the_variable()
    {
        var error = Should.Throw<FormatException>(() => RunPlan.Resolve(Test, new GradientPropertySettings(12, 3, null), Environment(("GRADASSERT_REPLAY", "77:4"))));

        error.Message.ShouldStartWith("GRADASSERT_REPLAY=77:4 is not a replay token");
    }

    [Theory]
    [InlineData("GRADASSERT_REPLAY")]
    [InlineData("attribute")]
    public void A_token_with_a_type_argument_replays_only_that_test_of_a_generic_method_the_other_runs_with_its_own_seed(string where)
    {
        const string token = "77:4:9:float";
        var settings = where == "attribute" ? new GradientPropertySettings(12, null, token) : new GradientPropertySettings(12, null, null);
        var environment = where == "attribute" ? Environment(("GRADASSERT_SEED", "1")) : Environment(("GRADASSERT_REPLAY", token));

        var single = RunPlan.Resolve(Test + "<float>", settings, environment);
        var @double = RunPlan.Resolve(Test + "<double>", settings, environment);

        single.IsReplay.ShouldBeTrue();
        (single.TestSeed, single.First, single.Last, single.Cases).ShouldBe((77, 4, 4, 9));
        @double.IsReplay.ShouldBeFalse();
        @double.TestSeed.ShouldBe(where == "attribute" ? 1 : CaseSeeds.ForTest(Test + "<double>"));
        (@double.First, @double.Last).ShouldBe((0, 11));
    }

    [Fact]
    public void A_token_with_a_type_argument_does_not_replay_a_test_that_is_not_generic()
    {
        RunPlan.Resolve(Test, new GradientPropertySettings(12, 3, null), Environment(("GRADASSERT_REPLAY", "77:4:9:float"))).IsReplay.ShouldBeFalse();
        RunPlan.Resolve(Test + "<double>", new GradientPropertySettings(12, 3, null), Environment(("GRADASSERT_REPLAY", "77:4:9"))).IsReplay.ShouldBeTrue();
    }
}
