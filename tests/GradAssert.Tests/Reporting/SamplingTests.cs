using System.Text.Json;
using System.Xml.Linq;
using GradAssert.Cases;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Reporting;

/// <summary>
/// A tensor above <see cref="GradCheckOptions.MaxElements"/> is checked on a sample; a report that passed on one says
/// so in the result itself (<see cref="GradientReport.Sampled"/>, the outcome line, the warnings, every format), not
/// only in the <c>checked</c> column. Sampling limits finite differences; the exact reference compares every element.
/// </summary>
public sealed class SamplingTests
{
    private static readonly GradCheckOptions Sampling = new() { MaxElements = 20, Reference = Reference.Differences };

    /// <summary>W has 64 elements and the input 32, both above 20; b has 8.</summary>
    private static GradientReport SampledDense() => GradCheck.Layer(new Dense<double>(8, 8, seed: 1), new GradientCase(2).Normal<double>(4, 8), Sampling);

    [Fact]
    public void A_report_checked_on_a_sample_says_so()
    {
        var report = SampledDense();

        report.Passed.ShouldBeTrue();
        report.Sampled.ShouldBeTrue();
        report.Tensors.Where(t => t.Sampled).Select(t => $"{t.Tensor} {t.Checked + t.Kinks} of {t.Elements}").ShouldBe(["W 20 of 64", "input 20 of 32"]);
    }

    [Fact]
    public void The_outcome_line_says_passed_on_a_sample()
    {
        SampledDense().ToString().Split('\n')[0].ShouldBe("Gradient check passed on a sample: Dense (double), seed 0");
    }

    [Fact]
    public void The_blame_line_vouches_only_for_the_elements_checked()
    {
        SampledDense().ToString().ShouldContain("Blame: none; every backward pass agrees with finite differences on the elements checked.\n");
    }

    [Fact]
    public void Each_sampled_tensor_gets_a_warning_with_its_numbers_and_the_way_out()
    {
        var warnings = SampledDense().Warnings;

        warnings.ShouldBe(
        [
            "only 20 of the 64 elements of Dense.W were checked (its largest analytic gradients and a seeded random choice of the rest), so a wrong element outside the sample can pass unseen: set GradCheckOptions.MaxElements to 64 or more, or Mode = CheckMode.Full, to check every element",
            "only 20 of the 32 elements of Dense.input were checked (its largest analytic gradients and a seeded random choice of the rest), so a wrong element outside the sample can pass unseen: set GradCheckOptions.MaxElements to 32 or more, or Mode = CheckMode.Full, to check every element",
        ]);
        SampledDense().ToString().ShouldContain("Warning: only 20 of the 64 elements of Dense.W were checked");
    }

    [Fact]
    public void A_report_that_checked_every_element_is_not_sampled()
    {
        var report = GradCheck.Layer(new Dense<double>(8, 8, seed: 1), new GradientCase(2).Normal<double>(4, 8));

        report.Sampled.ShouldBeFalse();
        report.Warnings.ShouldBeEmpty();
        report.ToString().ShouldStartWith("Gradient check passed: Dense (double), seed 0");
    }

    [Fact]
    public void Every_format_carries_the_sample()
    {
        var report = SampledDense();

        using var json = JsonDocument.Parse(report.ToJson());
        json.RootElement.GetProperty("sampled").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("warnings").GetArrayLength().ShouldBe(2);
        json.RootElement.GetProperty("tensors")[0].GetProperty("elements").GetInt32().ShouldBe(64);
        report.ToMarkdown().ShouldStartWith("### Gradient check passed on a sample: `Dense` (double), seed 0");
        report.ToMarkdown().ShouldContain("- ⚠️ only 20 of the 64 elements of Dense.W were checked");
        var titles = XDocument.Parse(report.ToSvg()).Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value).ToArray();
        titles.ShouldContain("Gradient check passed on a sample: Dense (double), seed 0");
        titles.ShouldContain(t => t.StartsWith("Warning: only 20 of the 64 elements of Dense.W were checked", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sampled_model_names_the_layer_and_says_its_check_was_layer_by_layer()
    {
        var model = new Sequential<double>(new Dense<double>(8, 8, seed: 1), new Tanh<double>());

        var report = GradCheck.Layer(model, new GradientCase(2).Normal<double>(4, 8), Sampling);

        report.Sampled.ShouldBeTrue();
        report.Warnings.ShouldContain(w => w.StartsWith("only 20 of the 64 elements of Dense.W were checked layer by layer (", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_line_of_a_property_run_carries_the_sample()
    {
        var result = GradientProperty.Run("T.Sampled", new GradientPropertySettings(1, 3, null), c =>
            GradientAssert.Layer(new Dense<double>(8, 8, seed: 1), c.Normal<double>(4, 8), Sampling), _ => null);

        result.Summary.ShouldContain("Warning (2): only 20 of the 64 elements of Dense.W were checked");
    }

    [Fact]
    public void The_exact_reference_compares_every_element_of_a_tensor_above_MaxElements_and_warns_of_no_sample()
    {
        var report = GradCheck.Layer(new Dense<double>(8, 8, seed: 1), new GradientCase(2).Normal<double>(4, 8), new GradCheckOptions { MaxElements = 20 });

        report.Options.Reference.ShouldBe(Reference.Auto);
        report.Sampled.ShouldBeFalse();
        report.Warnings.ShouldBeEmpty();
        report.Tensors.Select(t => $"{t.Tensor} {t.Checked} of {t.Elements} by {t.Reference}").ShouldBe(
            ["W 64 of 64 by exact (dual numbers)", "b 8 of 8 by exact (dual numbers)", "input 32 of 32 by exact (dual numbers)"]);
    }

    [Fact]
    public void A_row_differences_compare_on_a_sample_beside_the_exact_reference_is_reported_whole()
    {
        // The measured noise sets some elements' exact allowance here, so differences compare W too, on a sample of
        // 128; the exact reference has compared every element, and the row says so.
        var report = GradCheck.Layer(new Dense<double>(16, 16, seed: 1), new GradientCase(2).Normal<double>(4, 16), new GradCheckOptions { MaxElements = 128 });

        report.Passed.ShouldBeTrue(report.ToString());
        report.Sampled.ShouldBeFalse(report.ToString());
        report.Warnings.ShouldBeEmpty();
        report.Tensors.Single(t => t.Tensor == "W").Checked.ShouldBe(256);
    }

    [Fact]
    public void A_wrong_element_outside_the_sample_of_differences_is_caught_by_the_exact_reference()
    {
        // W[7,7] is not among the 4 of 64 elements that differences sample here (they pass the planted error).
        ILayer<double> Planted() => new OneWeightOff<double>(new Dense<double>(8, 8, seed: 1), 63, 1.5);
        var input = new GradientCase(2).Normal<double>(4, 8);

        GradCheck.Layer(Planted(), input, new GradCheckOptions { MaxElements = 4, Reference = Reference.Differences }).Passed.ShouldBeTrue();
        var report = GradCheck.Layer(Planted(), input, new GradCheckOptions { MaxElements = 4 });

        report.Passed.ShouldBeFalse();
        report.Tensors.Single(t => !t.Passed).WorstIndex.ShouldBe([7, 7]);
    }

    [Fact]
    public void A_full_check_never_samples()
    {
        var report = GradCheck.Layer(new Dense<double>(8, 8, seed: 1), new GradientCase(2).Normal<double>(4, 8), Sampling with { Mode = CheckMode.Full });

        report.Sampled.ShouldBeFalse();
    }

    /// <summary>A layer whose gradient of one element of W comes out scaled: a bug that only that element shows.</summary>
    private sealed class OneWeightOff<T>(ILayer<T> inner, int index, double factor) : ILayer<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        public string Name => inner.Name;

        public IReadOnlyList<Parameter<T>> Parameters => inner.Parameters;

        public Tensor<T> Forward(Tensor<T> input) => inner.Forward(input);

        public Tensor<T>? Backward(Tensor<T> outputGradient)
        {
            var inputGradient = inner.Backward(outputGradient);
            inner.Parameters.Single(p => p.Name == "W").Gradient.Data[index] *= T.CreateChecked(factor);
            return inputGradient;
        }
    }
}
