using System.Numerics;
using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Grouping;

/// <summary>
/// Grouped finite differences (<see cref="GradCheckOptions.Grouping"/>) give the report of comparing every element alone,
/// text for text, and fall back where a layer's outputs do not part: across the batch (batch norm), everywhere
/// (a softmax over all elements), over a large kernel, where the structure changes with the input, and where two
/// elements far apart share one output.
/// </summary>
public sealed class GroupingTests
{
    [Fact]
    public void Dense_layer_reports_the_same_grouped_with_far_fewer_forwards()
    {
        var (grouped, alone) = Both(() => new Dense<double>(24, 40, seed: 1), new GradientCase(2).Normal<double>(6, 24));

        grouped.Text.ShouldBe(alone.Text);
        grouped.Forwards.ShouldBeLessThan(alone.Forwards / 2);
    }

    [Fact]
    public void Wide_float_dense_layer_reports_the_same_when_groups_give_second_opinions()
    {
        // In float, many elements need the second and third opinions (and the resolution), and those near their
        // tolerance the Taylor test as a second opinion; wide groups take them all (817 forwards of 34,323; 1,447 while
        // each sign had its own sub-groups, 5,316 while the Taylor test was taken alone).
        var (grouped, alone) = Both(() => new Dense<float>(4, 3000, seed: 3), new GradientCase(4).Normal<float>(1, 4));

        grouped.Text.ShouldBe(alone.Text);
        grouped.Forwards.ShouldBeLessThan(alone.Forwards / 10);
    }

    [Fact]
    public void Grouped_members_take_their_Taylor_second_opinion_from_the_group_and_report_the_same()
    {
        // A float gradient off by 0.3%: the first opinion passes most elements near their tolerance, and the Taylor test
        // fails them. Its steps below h, its floors and its repeats come from the group (243 forwards of 19,741; 375
        // while each sign had its own sub-groups, 19,906 while each element took the test alone).
        var (grouped, alone) = Both(() => new ScaledGradient<float>(new Tanh<float>(), "input", 1.003), new GradientCase(5).Normal<float>(16, 32));

        grouped.Text.ShouldBe(alone.Text);
        grouped.Passed.ShouldBeFalse();
        grouped.Text.ShouldContain("now WRONG");
        grouped.Forwards.ShouldBeLessThan(alone.Forwards / 20);
    }

    [Fact]
    public void Saturated_sigmoid_reports_the_same_grouped()
    {
        var (grouped, alone) = Both(() => new Sigmoid<float>(), new GradientCase(5).Uniform<float>(8, 30, 16, 40));

        grouped.Text.ShouldBe(alone.Text);
        grouped.Forwards.ShouldBeLessThan(alone.Forwards);
    }

    [Fact]
    public void Outputs_that_move_the_same_both_ways_send_their_elements_alone_and_report_the_same()
    {
        // |x| at x = 0 exactly moves its output to the same bits at +h and at −h, so the group cannot read which way its
        // element moved: such a group does not verify, and its elements are compared alone (where 0 is a kink).
        var input = new GradientCase(6).Normal<double>(8, 24);
        for (int i = 0; i < input.Length; i += 5)
        {
            input.Data[i] = 0;
        }

        var (grouped, alone) = Both(() => new Abs<double>(), input);

        grouped.Text.ShouldBe(alone.Text);
        grouped.Forwards.ShouldBeLessThan(alone.Forwards);
    }

    [Fact]
    public void Batch_norm_mixes_the_batch_so_groups_run_along_the_features_and_report_the_same()
    {
        var (grouped, alone) = Both(() => new BatchNorm<double>(32, seed: 6), new GradientCase(7).Normal<double>(12, 32));

        grouped.Text.ShouldBe(alone.Text);
        grouped.Forwards.ShouldBeLessThan(alone.Forwards / 2);
    }

    [Fact]
    public void Softmax_over_all_elements_falls_back_to_every_element_alone()
    {
        var (grouped, alone) = Both(() => new SoftmaxOverAll(), new GradientCase(8).Normal<double>(6, 10));

        grouped.Text.ShouldBe(alone.Text);
        grouped.Forwards.ShouldBeGreaterThanOrEqualTo(alone.Forwards); // no group forms: only the probes are added
        grouped.Forwards.ShouldBeLessThan(alone.Forwards + 100);
    }

    [Fact]
    public void Convolution_with_a_large_kernel_falls_back_where_its_windows_overlap_and_reports_the_same()
    {
        // A 7×7 kernel on 12×12 images: inputs interact beyond the probes' reach, so only the batch and the output
        // channels part; what the groups cannot settle is compared alone, at the cost of the probes.
        var (grouped, alone) = Both(() => new Conv2D<double>(2, 3, kernel: 7, padding: 3, seed: 9), new GradientCase(10).Normal<double>(2, 2, 12, 12));

        grouped.Text.ShouldBe(alone.Text);
        grouped.Forwards.ShouldBeLessThan(alone.Forwards + 200);
    }

    [Fact]
    public void Layer_whose_structure_changes_with_its_input_reports_the_same_grouped()
    {
        var (grouped, alone) = Both(() => new InputShapedMixing(), new GradientCase(11).Normal<double>(16, 24));

        grouped.Text.ShouldBe(alone.Text);
        grouped.Passed.ShouldBeTrue();
    }

    [Fact]
    public void Two_far_apart_elements_sharing_an_output_are_never_merged()
    {
        var input = new GradientCase(12).Normal<double>(4096);

        var (grouped, alone) = Both(() => new FarPair(), input);
        var (buggyGrouped, buggyAlone) = Both(() => new FarPair { ForgetsLast = true }, input);

        grouped.Text.ShouldBe(alone.Text);
        grouped.Passed.ShouldBeTrue();
        buggyGrouped.Text.ShouldBe(buggyAlone.Text);
        buggyGrouped.Passed.ShouldBeFalse();
        buggyGrouped.Text.ShouldContain("input[4095]");
        buggyGrouped.Forwards.ShouldBeLessThan(buggyAlone.Forwards / 10);
    }

    [Fact]
    public void Identity_that_returns_its_input_is_read_before_the_input_is_put_back()
    {
        // The output is the perturbed storage itself: read after the group was put back, every output looked unmoved,
        // every numerical derivative was 0, and a backward of zeros passed while a correct one failed.
        RightPassesAndWrongFailsAsAlone(
            () => new AliasingIdentity(), () => new AliasingIdentity(gradientScale: 0), new GradientCase(2).Normal<double>(3, 2, 6), "36 of 36 elements off");
    }

    [Fact]
    public void Layer_that_returns_its_parameter_is_judged_on_its_gradient()
    {
        // Its output is the parameter's storage: the probe that sets the parameter to NaN read it after putting it back
        // and said "changing P does not change the output".
        RightPassesAndWrongFailsAsAlone(
            () => new LearnedConstant(writesGradient: true), () => new LearnedConstant(writesGradient: false), new GradientCase(4).Normal<double>(2, 3), "25 of 25 elements off");
    }

    [Fact]
    public void Model_reports_the_same_grouped_end_to_end_and_layer_by_layer_in_every_mode()
    {
        foreach (var mode in new[] { CheckMode.Auto, CheckMode.Full, CheckMode.Directional })
        {
            var (grouped, alone) = Both(
                () => new Sequential<double>(new Conv2D<double>(1, 4, kernel: 3, padding: 1, seed: 13), new ReLU<double>(), new MaxPool2D<double>(2), new Conv2D<double>(4, 2, kernel: 3, seed: 14), new Tanh<double>()),
                new GradientCase(15).Normal<double>(3, 1, 8, 8),
                new GradCheckOptions { Mode = mode });

            grouped.Text.ShouldBe(alone.Text, mode.ToString());
        }
    }

    private static void RightPassesAndWrongFailsAsAlone(Func<ILayer<double>> right, Func<ILayer<double>> wrong, Tensor<double> input, string off)
    {
        var (rightGrouped, rightAlone) = Both(right, input);
        var (wrongGrouped, wrongAlone) = Both(wrong, input);

        rightGrouped.Passed.ShouldBeTrue(rightGrouped.Text);
        rightGrouped.Text.ShouldBe(rightAlone.Text);
        wrongGrouped.Passed.ShouldBeFalse(wrongGrouped.Text);
        wrongGrouped.Text.ShouldBe(wrongAlone.Text);
        wrongGrouped.Text.ShouldContain(off);
    }

    private static (Run Grouped, Run Alone) Both<T>(Func<ILayer<T>> build, Tensor<T> input, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= new GradCheckOptions { Reference = Reference.Differences };
        return (Check(build(), input, options with { Seed = 1, Grouping = true }), Check(build(), input, options with { Seed = 1, Grouping = false }));
    }

    private static Run Check<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var counted = layer is Sequential<T> ? null : new Counted<T>(layer);
        var report = GradCheck.Layer(counted ?? layer, input, options);
        return new Run(report.ToString(), report.Passed, counted?.Forwards ?? 0);
    }

    private sealed record Run(string Text, bool Passed, int Forwards);
}
