namespace GradAssert.Adapters.Tests;

/// <summary>
/// Check settings given where teams configure tests: on <c>[GradientCheck]</c> (<see cref="GradientPropertySettings.Check"/>)
/// and for a whole assembly (<see cref="GradientCheckDefaultsAttribute"/>). Code wins over the attribute, the attribute
/// over the assembly, and the report says where each setting came from.
/// </summary>
public sealed class CheckSettingsTests
{
    private const string Test = "My.Tests.Dense_backward_matches";

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static GradientReport? _last;

    private static void CheckDense(GradientCase c, GradCheckOptions? options = null)
    {
        var dense = new Fixtures.BatchDense(c.Dim("in", 1, 4), c.Dim("out", 1, 4), c.Seed);
        _last = GradCheck.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 4), dense.Inputs), options);
        _last.Passed.ShouldBeTrue(_last.ToString());
    }

    private static GradientReport LastReport(GradientPropertySettings settings, Action<GradientCase> body)
    {
        _last = null;
        var result = GradientProperty.Run(Test, settings, body, NoEnvironment);
        result.Passed.ShouldBeTrue(result.Failure?.Message);
        return _last.ShouldNotBeNull();
    }

    [Fact]
    public void The_attributes_tolerance_judges_the_checks_of_every_case_and_the_header_says_so()
    {
        var report = LastReport(new GradientPropertySettings(2, 1) { Check = new CheckSettings { SafetyFactor = 20 } }, c => CheckDense(c));

        report.Options.Tolerance.ShouldBe(Tolerance.ErrorModel(20));
        report.ToString().ShouldContain("\nTolerance: error model ×20; ");
        report.ToString().ShouldContain("\nSettings from [GradientCheck]: tolerance\n");
    }

    [Fact]
    public void Every_setting_of_the_attribute_reaches_the_check()
    {
        var settings = new CheckSettings { AbsoluteTolerance = 1e-6, RelativeTolerance = 1e-5, Step = 1e-5, Mode = CheckMode.Full, Scheme = DifferenceScheme.FourPoint, MaxElements = 7 };

        var options = LastReport(new GradientPropertySettings(1, 1) { Check = settings }, c => CheckDense(c)).Options;

        options.Tolerance.ShouldBe(Tolerance.AllClose(1e-6, 1e-5));
        options.Step.ShouldBe(StepSize.Fixed(1e-5));
        options.Mode.ShouldBe(CheckMode.Full);
        options.Scheme.ShouldBe(DifferenceScheme.FourPoint);
        options.MaxElements.ShouldBe(7);
    }

    [Fact]
    public void An_option_the_cases_code_sets_wins_over_the_attribute_and_the_rest_still_come_from_it()
    {
        var settings = new GradientPropertySettings(1, 1) { Check = new CheckSettings { SafetyFactor = 20, Mode = CheckMode.Full } };

        var report = LastReport(settings, c => CheckDense(c, new GradCheckOptions { Tolerance = Tolerance.NormalizedDifference(1e-6) }));

        report.Options.Tolerance.ShouldBe(Tolerance.NormalizedDifference(1e-6));
        report.Options.Mode.ShouldBe(CheckMode.Full);
        report.ToString().ShouldContain("\nSettings from [GradientCheck]: mode\n");
    }

    [Fact]
    public void An_option_the_cases_code_sets_to_the_librarys_default_still_wins_over_the_attribute()
    {
        var settings = new GradientPropertySettings(1, 1)
        {
            Check = new CheckSettings { SafetyFactor = 20, Mode = CheckMode.Full, Scheme = DifferenceScheme.FourPoint, MaxElements = 7, Step = 1e-4 },
        };
        var explicitDefaults = new GradCheckOptions
        {
            Tolerance = Tolerance.Auto, Mode = CheckMode.Auto, Scheme = DifferenceScheme.Central, MaxElements = GradCheckOptions.Default.MaxElements, Step = StepSize.Auto,
        };

        var report = LastReport(settings, c => CheckDense(c, explicitDefaults));

        report.Options.Tolerance.ShouldBe(Tolerance.Auto);
        report.Options.Mode.ShouldBe(CheckMode.Auto);
        report.Options.Scheme.ShouldBe(DifferenceScheme.Central);
        report.Options.MaxElements.ShouldBe(GradCheckOptions.Default.MaxElements);
        report.Options.Step.ShouldBe(StepSize.Auto);
        report.ToString().ShouldNotContain("Settings from");
    }

    [Fact]
    public void The_test_attribute_wins_over_the_assembly_defaults_setting_by_setting()
    {
        var assembly = new GradientCheckDefaultsAttribute { SafetyFactor = 50, Scheme = DifferenceScheme.FourPoint };
        var settings = new GradientPropertySettings(1, 1) { AssemblyDefaults = assembly, Check = new CheckSettings { Threshold = 1e-5 } };

        var report = LastReport(settings, c => CheckDense(c));

        report.Options.Tolerance.ShouldBe(Tolerance.NormalizedDifference(1e-5));
        report.Options.Scheme.ShouldBe(DifferenceScheme.FourPoint);
        report.ToString().ShouldContain("\nSettings from [GradientCheck]: tolerance; [assembly: GradientCheckDefaults]: scheme\n");
    }

    [Fact]
    public void The_assembly_case_count_applies_unless_the_test_sets_its_own_and_the_summary_says_where_it_came_from()
    {
        var assembly = new GradientCheckDefaultsAttribute { Cases = 3 };

        var fromAssembly = GradientProperty.Run(Test, new GradientPropertySettings(Seed: 1) { AssemblyDefaults = assembly }, c => CheckDense(c), NoEnvironment);
        var own = GradientProperty.Run(Test, new GradientPropertySettings(5, 1) { AssemblyDefaults = assembly }, c => CheckDense(c), NoEnvironment);

        fromAssembly.CasesRun.ShouldBe(3);
        fromAssembly.Summary.ShouldStartWith("GradientCheck passed 3 cases (test seed 1, Seed on the attribute; case count from [assembly: GradientCheckDefaults]; sizes ");
        own.CasesRun.ShouldBe(5);
        own.Summary.ShouldNotContain("case count from");
    }

    [Fact]
    public void The_summary_of_a_pass_names_the_settings_that_did_not_come_from_code()
    {
        var result = GradientProperty.Run(Test, new GradientPropertySettings(2, 1) { Check = new CheckSettings { SafetyFactor = 20 } }, c => CheckDense(c), NoEnvironment);

        result.Summary.ShouldStartWith("GradientCheck passed 2 cases (test seed 1, Seed on the attribute; settings from [GradientCheck]: tolerance; sizes ");
    }

    [Fact]
    public void A_test_without_settings_reads_as_before()
    {
        var report = LastReport(new GradientPropertySettings(1, 1), c => CheckDense(c));

        report.Options.Tolerance.ShouldBe(Tolerance.Auto);
        report.ToString().ShouldNotContain("Settings from");
    }

    [Fact]
    public void Two_tolerance_rules_in_one_place_are_refused_before_any_case_runs()
    {
        bool ran = false;
        var settings = new GradientPropertySettings(1, 1) { Check = new CheckSettings { SafetyFactor = 20, Threshold = 1e-6 } };

        var error = Should.Throw<ArgumentException>(() => GradientProperty.Run(Test, settings, _ => ran = true, NoEnvironment));

        error.Message.ShouldStartWith("[GradientCheck] sets more than one tolerance rule; set one of SafetyFactor (the error model), AbsoluteTolerance with RelativeTolerance (allclose), or Threshold (the course's rule).");
        ran.ShouldBeFalse();
    }

    [Theory]
    [InlineData(0.5, "SafetyFactor")]
    [InlineData(-1e-3, "Step")]
    public void An_out_of_range_setting_is_refused_naming_where_it_was_set(double value, string setting)
    {
        var check = setting == "Step" ? new CheckSettings { Step = value } : new CheckSettings { SafetyFactor = value };
        var settings = new GradientPropertySettings(1, 1) { AssemblyDefaults = null, Check = check };

        var error = Should.Throw<ArgumentException>(() => GradientProperty.Run(Test, settings, c => CheckDense(c), NoEnvironment));

        error.Message.ShouldStartWith("[GradientCheck]: ");
    }

    [Fact]
    public async Task Assembly_defaults_are_read_from_the_test_methods_assembly()
    {
        var test = GradientTestMethod.For(typeof(CheckSettingsTests).GetMethod(nameof(CheckedHere), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, typeArgument: null);

        var result = await GradientProperty.RunAsync(Test, new GradientPropertySettings(Seed: 1), test, null, NoEnvironment);

        // This test assembly sets [assembly: GradientCheckDefaults(Cases = 2)] (AssemblyDefaults.cs).
        result.CasesRun.ShouldBe(2);
        result.Summary.ShouldContain("case count from [assembly: GradientCheckDefaults]");
    }

    private static void CheckedHere(GradientCase c) => CheckDense(c);
}
