using System.Numerics;
using GradAssert.Examples.Layers;

using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Reporting;

/// <summary>
/// Say what a pass proves (issue 22, item 6): each row states the smallest relative error of its gradient the check
/// would have caught, from the allowances it used, and the header the least sensitive row's.
/// </summary>
public sealed class DetectionThresholdTests
{
    private static readonly GradCheckOptions Seeded = new() { Seed = 4 };

    [Theory]
    [InlineData(Reference.Differences, 1e-12, 1e-4)]
    [InlineData(Reference.Auto, 1e-15, 1e-12)] // the exact reference's allowances are tens of roundings
    public void A_passing_report_states_the_least_sensitive_rows_threshold(Reference reference, double from, double to)
    {
        var report = GradCheck.Layer(new Zoo.Dense<double>(4, 3, seed: 4), new GradientCase(4).Normal<double>(2, 4), Seeded with { Reference = reference });

        report.Passed.ShouldBeTrue(report.ToString());
        var weakest = report.Tensors.MaxBy(t => t.DetectionThreshold)!;
        weakest.DetectionThreshold.ShouldBeInRange(from, to);
        report.ToString().ShouldContain($"Detects: a gradient off by a factor beyond 1 ± {weakest.DetectionThreshold:0.00e+00} in every tensor checked (the least sensitive: Dense.{weakest.Tensor})");
    }

    [Theory]
    [InlineData(typeof(double))]
    [InlineData(typeof(float))]
    public void A_gradient_off_by_twice_the_stated_threshold_fails(Type type)
    {
        if (type == typeof(float))
        {
            Caught<float>();
        }
        else
        {
            Caught<double>();
        }
    }

    [Fact]
    public void Float_rows_state_a_coarser_threshold_than_double_rows()
    {
        double Threshold<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
            GradCheck.Layer(new Zoo.Dense<T>(4, 3, seed: 4), new GradientCase(4).Normal<T>(2, 4), Seeded).Tensors.Max(t => t.DetectionThreshold);

        Threshold<float>().ShouldBeGreaterThan(100 * Threshold<double>());
    }

    [Fact]
    public void The_json_report_carries_each_rows_threshold()
    {
        var report = GradCheck.Layer(new Zoo.Dense<double>(4, 3, seed: 4), new GradientCase(4).Normal<double>(2, 4), Seeded);

        report.ToJson().ShouldContain("\"detectionThreshold\":");
    }

    private static void Caught<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new GradientCase(4).Normal<T>(2, 4);
        var correct = GradCheck.Layer(new Zoo.Dense<T>(4, 3, seed: 4), x, Seeded);
        double threshold = correct.Tensors.Single(t => t.Tensor == "W").DetectionThreshold;

        var broken = GradCheck.Layer(new ScaledGradient<T>(new Zoo.Dense<T>(4, 3, seed: 4), "W", 1 + (2 * threshold)), x, Seeded);

        correct.Passed.ShouldBeTrue(correct.ToString());
        broken.Passed.ShouldBeFalse($"threshold {threshold}\n{broken}");
    }
}
