using GradAssert.Examples.Layers.Course;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert.Tests.Course;

/// <summary>The course's gradient-checking exercise, in its flat and its layered form, with the course's own figures.</summary>
public sealed class CourseScenarioTests
{
    private readonly CourseNetwork _course = CourseNetwork.Load();

    [Fact]
    public void Flat_form_with_the_bugs_gives_the_course_difference()
    {
        double expected = _course.Figures.GetProperty("difference_with_bugs").GetDouble();

        var report = GradCheck.Function(_course.Cost, t => _course.Gradient(t, withBugs: true), _course.Theta());

        report.Passed.ShouldBeFalse();
        (Math.Abs(report.Difference - expected) / expected).ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Flat_form_with_the_bugs_throws_with_the_table()
    {
        var error = Should.Throw<GradientCheckException>(
            () => GradientAssert.Function(_course.Cost, t => _course.Gradient(t, withBugs: true), _course.Theta()));

        error.Message.ShouldContain("J");
        error.Message.ShouldContain("theta");
        error.Report.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Flat_form_fixed_is_at_most_1e_9_with_the_four_point_stencil()
    {
        var report = GradientAssert.Function(
            _course.Cost, t => _course.Gradient(t, withBugs: false), _course.Theta(), new GradCheckOptions { Scheme = DifferenceScheme.FourPoint });

        report.Difference.ShouldBeLessThanOrEqualTo(1e-9);
    }

    [Fact]
    public void Flat_form_fixed_passes_by_default_in_the_great_band()
    {
        var report = GradientAssert.Function(_course.Cost, t => _course.Gradient(t, withBugs: false), _course.Theta());

        report.Verdict.ShouldBe(Verdict.Great);
        report.Difference.ShouldBeLessThan(_course.Figures.GetProperty("difference_fixed_with_eps_1e-7").GetDouble() / 10);
    }

    [Fact]
    public void Flat_form_split_into_the_course_parameters_fails_exactly_b1_and_W2()
    {
        var report = GradCheck.Function(_course.Cost, t => _course.Gradient(t, withBugs: true), _course.Theta(), Segments());

        report.Tensors.Select(t => t.Tensor).ShouldBe(["W1", "b1", "W2", "b2", "W3", "b3"]);
        report.Failures.Select(t => t.Tensor).ShouldBe(["b1", "W2"]);
        report.Failures[0].WorstIndex.Count.ShouldBe(2);
    }

    [Fact]
    public void Flat_form_split_by_the_course_rule_gives_the_course_per_tensor_figures_of_the_bugs()
    {
        var courseRule = new GradCheckOptions { Step = StepSize.Fixed(1e-7), Tolerance = Tolerance.NormalizedDifference(2e-7), Reference = Reference.Differences };
        var expected = _course.Figures.GetProperty("per_tensor_difference_with_bugs");

        var report = GradCheck.Function(_course.Cost, t => _course.Gradient(t, withBugs: true), _course.Theta(), Segments(), courseRule);

        foreach (string name in new[] { "b1", "W2" })
        {
            double figure = expected.GetProperty(name).GetDouble();
            report.Tensors.Single(t => t.Tensor == name).Difference.ShouldBe(figure, 1e-6 * figure);
        }
    }

    [Fact]
    public void Segments_that_do_not_cover_theta_are_rejected_with_their_sizes()
    {
        var error = Should.Throw<ArgumentException>(
            () => GradCheck.Function(_course.Cost, t => _course.Gradient(t, withBugs: false), _course.Theta(), [new ThetaSegment("W1", 5, 4)]));

        error.Message.ShouldContain("cover 20 elements");
        error.Message.ShouldContain("47");
    }

    [Fact]
    public void Course_rule_reproduces_the_course_figures()
    {
        var courseRule = new GradCheckOptions { Step = StepSize.Fixed(1e-7), Tolerance = Tolerance.NormalizedDifference(2e-7), Reference = Reference.Differences };

        var buggy = GradCheck.Function(_course.Cost, t => _course.Gradient(t, withBugs: true), _course.Theta(), courseRule);
        var fixedReport = GradCheck.Function(_course.Cost, t => _course.Gradient(t, withBugs: false), _course.Theta(), courseRule);

        buggy.Difference.ShouldBe(0.28509315684448966, 1e-6 * 0.285);
        fixedReport.Difference.ShouldBe(1.1861910500286004e-07, 0.05e-7);
        fixedReport.Passed.ShouldBeTrue();
    }

    [Fact]
    public void Layered_form_blames_exactly_the_two_layers_with_bugs()
    {
        var report = GradCheck.Layer(_course.Layered(withBugs: true), _course.Input());

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Linear1", "Linear2"]);
    }

    [Theory]
    [InlineData(CheckScope.EndToEnd)]
    [InlineData(CheckScope.Local)]
    public void Layered_form_fails_exactly_b_of_the_first_and_W_of_the_second_layer(CheckScope scope)
    {
        var report = GradCheck.Layer(_course.Layered(withBugs: true), _course.Input());

        var failing = report.Tensors.Where(t => t.Scope == scope && !t.Passed).Select(t => $"{t.Layer}.{t.Tensor}");
        failing.ShouldBe(["Linear1.b", "Linear2.W"]);
    }

    [Fact]
    public void Blame_line_says_by_what_factor_each_bug_scales_its_gradient()
    {
        var report = GradCheck.Layer(_course.Layered(withBugs: true), _course.Input());

        string text = report.ToString();
        text.ShouldContain("each wrong one is 4× its numerical value");
        text.ShouldContain("each wrong one is 2× its numerical value");
        report.Tensors.Single(t => t.Scope == CheckScope.Local && t.Layer == "Linear2" && t.Tensor == "W").ConsistentRatio.ShouldBe(2, 1e-6);
    }

    [Fact]
    public void Layered_form_fixed_passes_with_nothing_blamed()
    {
        var report = GradientAssert.Layer(_course.Layered(withBugs: false), _course.Input());

        report.Blamed.ShouldBeEmpty();
        report.Tensors.ShouldAllBe(t => t.Passed);
    }

    private static ThetaSegment[] Segments() =>
        [new("W1", 5, 4), new("b1", 5, 1), new("W2", 3, 5), new("b2", 3, 1), new("W3", 1, 3), new("b3", 1, 1)];

    [Fact]
    public void One_dimensional_case_J_equals_theta_times_x()
    {
        const double x = 2;
        var theta = MathNetVector.Build.Dense([4.0]);

        var right = GradientAssert.Function(t => t[0] * x, _ => MathNetVector.Build.Dense([x]), theta);
        var wrong = GradCheck.Function(t => t[0] * x, _ => MathNetVector.Build.Dense([x + 0.01]), theta);

        right.Difference.ShouldBeLessThan(1e-9);
        wrong.Passed.ShouldBeFalse();
        wrong.Tensors.Single().WorstIndex.ShouldBe([0]);
    }
}
