using GradAssert.Tests.Support;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert.Tests.Reporting;

/// <summary>Words in the report that must describe what the check really did.</summary>
public sealed class HeaderAndBlameWordingTests
{
    private static readonly Tensor<double> Input = new GradientCase(4).Normal<double>(3, 3);

    [Fact]
    public void Four_point_report_names_the_fifth_root_step_it_used()
    {
        var report = GradCheck.Layer(new Dense<double>(3, 2, seed: 1), Input, new GradCheckOptions { Scheme = DifferenceScheme.FourPoint });

        report.ToString().ShouldContain("step h = eps^(1/5)*max(1,|x|); four-point differences");
        report.ToString().ShouldNotContain("eps^(1/3)");
    }

    [Fact]
    public void Central_report_names_the_cube_root_step()
    {
        GradCheck.Layer(new Dense<double>(3, 2, seed: 1), Input).ToString().ShouldContain("step h = eps^(1/3)*max(1,|x|); central differences");
    }

    [Fact]
    public void Model_failing_without_layer_checks_says_blame_was_not_assessed()
    {
        var model = new Sequential<double>("net", new Dense<double>(3, 4, seed: 1, name: "enc"), new Tanh<double>(), new Dense<double>(4, 2, seed: 2, name: "dec") { BiasSumsFirstRowOnly = true });

        var report = GradCheck.Layer(model, Input, new GradCheckOptions { CheckLayers = false });

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBeEmpty();
        string text = report.ToString();
        text.ShouldContain("Blame: not assessed; the layers were not checked on their own (CheckLayers = false).");
        text.ShouldNotContain("no layer fails on its own");
    }

    [Fact]
    public void Course_rule_counts_only_the_element_that_carries_the_failure()
    {
        // J(θ) = ½‖θ‖² over 15 elements; the claimed gradient is θ except element 6, which is doubled.
        var theta = MathNetVector.Build.Dense(15, i => 0.5 + (0.1 * i));
        var course = new GradCheckOptions { Step = StepSize.Fixed(1e-7), Tolerance = Tolerance.NormalizedDifference(2e-7), Reference = Reference.Differences };

        var report = GradCheck.Function(t => 0.5 * t.DotProduct(t), t => t.MapIndexed((i, v) => i == 6 ? 2 * v : v), theta, course);

        var row = report.Tensors.Single();
        row.Passed.ShouldBeFalse();
        row.Failed.ShouldBe(1);
        row.WorstIndex.ShouldBe([6]);
        report.ToString().ShouldContain("(1 of 15 elements off)");
    }

    [Fact]
    public void Course_rule_names_a_scaling_shared_by_every_wrong_element()
    {
        var theta = MathNetVector.Build.Dense(15, i => 0.5 + (0.1 * i));
        var course = new GradCheckOptions { Step = StepSize.Fixed(1e-7), Tolerance = Tolerance.NormalizedDifference(2e-7), Reference = Reference.Differences };

        var report = GradCheck.Function(t => 0.5 * t.DotProduct(t), t => 2 * t, theta, course);

        report.ToString().ShouldContain("(15 of 15 elements off; each wrong one is 2× its numerical value)");
    }
}
