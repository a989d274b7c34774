using static GradAssert.Analyzers.Tests.Snippets;

namespace GradAssert.Analyzers.Tests;

/// <summary>
/// GA0004: check settings on [GradientCheck] or [assembly: GradientCheckDefaults] that the run would refuse before any
/// case, reported on the attribute when written.
/// </summary>
public class SettingsTests
{
    [Fact]
    public Task Two_tolerance_rules_on_GradientCheck_are_GA0004_saying_to_set_one() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [{|#0:GradientCheck(SafetyFactor = 10, Threshold = 1e-5)|}]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """,
        Diagnostic("GA0004", "[GradientCheck] on 'Dense_matches' sets more than one tolerance rule (SafetyFactor, Threshold); set one of SafetyFactor (the error model), AbsoluteTolerance with RelativeTolerance (allclose), or Threshold (the course's rule)"));

    [Theory]
    [InlineData("SafetyFactor = 0.5", "SafetyFactor must be a finite number of at least 1, but is 0.5")]
    [InlineData("Step = 0", "Step must be a finite positive number, but is 0")]
    [InlineData("Cases = 0", "Cases must be at least 1, but is 0")]
    [InlineData("MaxElements = -3", "MaxElements must be at least 1, but is -3")]
    [InlineData("Threshold = -1e-7", "Threshold must be a finite positive number, but is -1E-07")]
    [InlineData("ReplayCase = -1", "ReplayCase must be a case's number, 0 or more, but is -1")]
    [InlineData("Seed = 5, Cases = 4, ReplayCase = 4", "ReplayCase = 4 is not a case of a run of Cases = 4 (cases are numbered from 0)")]
    [InlineData("Replay = \"5:2:4\", ReplayCase = 2", "sets both Replay and ReplayCase; set one: Replay = \"seed:case:cases\", or Seed, Cases and ReplayCase")]
    [InlineData("AbsoluteTolerance = 0, RelativeTolerance = 0", "AbsoluteTolerance and RelativeTolerance are both zero, so allclose would let nothing pass; give one of them a value")]
    public Task A_value_out_of_range_is_GA0004_naming_the_setting_and_its_range(string settings, string problem) => VerifyAsync(NUnitUsings + $$"""
        public class Checks
        {
            [{|#0:GradientCheck({{settings}})|}]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """,
        Diagnostic("GA0004", "[GradientCheck] on 'Dense_matches' " + problem));

    [Fact]
    public Task Assembly_defaults_out_of_range_are_GA0004_on_the_assembly_attribute() => VerifyAsync(XunitUsings + """
        [assembly: {|#0:GradientCheckDefaults(Cases = 0)|}]

        public class Nothing
        {
        }
        """,
        Diagnostic("GA0004", "[assembly: GradientCheckDefaults] Cases must be at least 1, but is 0"));

    [Fact]
    public Task Settings_the_run_accepts_get_no_diagnostic() => VerifyAsync(XunitUsings + $$"""
        [assembly: GradientCheckDefaults(Cases = 5, Step = 1e-6)]

        public class Checks
        {
            [GradientCheck(SafetyFactor = 20, Mode = CheckMode.Full, MaxElements = 500, Seed = 5, Cases = 4, ReplayCase = 3)]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }

            [GradientCheck(AbsoluteTolerance = 1e-5, RelativeTolerance = 0)]
            public void Dense_matches_allclose(GradientCase c)
            {
                {{Check}}
            }
        }
        """);
}
