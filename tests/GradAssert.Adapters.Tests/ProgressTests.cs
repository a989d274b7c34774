namespace GradAssert.Adapters.Tests;

/// <summary>
/// A check that runs long inside a <c>[GradientCheck]</c> case says how far it is, through the settings' Progress (the
/// adapters pass the test's output), without the test asking; a short one stays quiet.
/// </summary>
public sealed class ProgressTests
{
    [Fact]
    public void A_long_check_in_a_case_writes_where_it_is_to_the_test_output()
    {
        var lines = new List<string>();
        var settings = new GradientPropertySettings(1, 3, null) { Progress = lines.Add, ProgressEvery = TimeSpan.Zero };

        var result = GradientProperty.Run("My.Tests.Slow", settings, c =>
            GradientAssert.Layer(new Fixtures.BatchDense(6, 5, c.Seed), c.Normal<double>(3, 6)), _ => null);

        result.Passed.ShouldBeTrue();
        lines.ShouldNotBeEmpty();
        lines[0].ShouldMatch(@"^GradientCheck: case 0 \(seed -?\d+\) is still checking \w+\.\w+ \((end to end|layer by layer)\): \d+ of \d+ compared, \d+ s into the case\.$");
    }

    [Fact]
    public void A_short_check_stays_quiet()
    {
        var lines = new List<string>();
        var settings = new GradientPropertySettings(2, 3, null) { Progress = lines.Add };

        GradientProperty.Run("My.Tests.Quick", settings, c =>
            GradientAssert.Layer(new Fixtures.BatchDense(2, 2, c.Seed), c.Normal<double>(2, 2)), _ => null);

        lines.ShouldBeEmpty();
    }

    [Fact]
    public void A_check_with_its_own_progress_keeps_it()
    {
        var lines = new List<string>();
        var own = new List<CheckProgress>();
        var settings = new GradientPropertySettings(1, 3, null) { Progress = lines.Add, ProgressEvery = TimeSpan.Zero };

        GradientProperty.Run("My.Tests.Own", settings, c =>
            GradientAssert.Layer(new Fixtures.BatchDense(2, 2, c.Seed), c.Normal<double>(2, 2), new GradCheckOptions { Progress = new Collect(own) }), _ => null);

        own.ShouldNotBeEmpty();
        lines.ShouldBeEmpty();
    }

    private sealed class Collect(List<CheckProgress> reports) : IProgress<CheckProgress>
    {
        public void Report(CheckProgress value) => reports.Add(value);
    }
}
