using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Examples.Layers;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// The exact evidence source reads each element's derivative from a carried layer's tangents: it agrees with a correct
/// backward within the rounding of the layer's type, catches a planted error far below what differences can see, and
/// seeding disjoint elements together gives the same derivatives bit for bit in fewer passes.
/// </summary>
public sealed class DualDerivativesTests
{
    public static TheoryData<string> Cases => [.. CarryCases.Names];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_element_of_a_correct_zoo_layer_agrees_with_its_exact_derivative_in_double(string name) => Agrees<double>(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_element_of_a_correct_zoo_layer_agrees_with_its_exact_derivative_in_float(string name) => Agrees<float>(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Seeding_disjoint_elements_together_gives_the_derivatives_of_seeding_each_alone_bit_for_bit(string name) =>
        GroupedIsAlone<double>(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Seeding_disjoint_elements_together_in_float_gives_the_derivatives_of_seeding_each_alone_bit_for_bit(string name) =>
        GroupedIsAlone<float>(name);

    [Fact]
    public void An_element_wise_layer_takes_a_few_passes_instead_of_one_per_element()
    {
        var (source, _, _) = Source<double>(new Tanh<double>(), [Input([16, 16])]);

        var derivatives = source.Of(DualTensor.Input(0));

        // 7 + 7 elements probed alone along the two axes, then one group of 256 seeded together and by one digit of
        // 8 bits, scaled up and down (8 halves before).
        derivatives.Passes.ShouldBe(14 + 1 + 2);
        derivatives.Colours.ShouldBe(1);
    }

    [Theory]
    [InlineData(5, 16, 4, 5 + 7)]
    [InlineData(3, 4, 2, 3 + 4)]
    public void A_dense_weight_is_seeded_row_by_row_each_row_in_three_passes(int inputs, int units, int batch, int probes)
    {
        var (source, _, _) = Source<double>(new Dense<double>(inputs, units, seed: 3), [Input([batch, inputs])]);

        var derivatives = source.Of(DualTensor.Parameter(0));

        // W [inputs, units]: the rows share every output, the columns none: one group of `units` per row, each seeded
        // together and then read back in 2 passes (one digit of scaled seeds for 16 members; 2 halves for 4, which
        // take no more), after the probes along both axes.
        derivatives.Colours.ShouldBe(inputs);
        derivatives.Passes.ShouldBe(probes + (inputs * 3));
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(-0.5)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(1.0)]
    public void Members_that_share_outputs_beyond_the_probes_reach_are_seeded_one_by_one(double coefficient)
    {
        // Inputs 8 apart share every output, beyond the 7 the probes look at, so all 64 are guessed to share passes:
        // the scaled seeds must read the sharing, whatever the ratio of the two tangents, and fall back.
        var x = new Tensor<double>([64], [.. Enumerable.Range(0, 64).Select(i => Math.Round(ZooCases.Normal(new Random(i)) * 4))]);
        var (source, plain, _) = Source<double>(new FarPairs<double>(coefficient, reach: 8), [x]);

        var grouped = source.Of(DualTensor.Input(0));
        var alone = source.Of(DualTensor.Input(0), grouped: false);

        grouped.Derivatives.ShouldBe(alone.Derivatives);
        grouped.Passes.ShouldBeGreaterThan(64, "the guessed groups share outputs, so their members are seeded one by one");
        var analytic = plain.InputGradients[0]!.Data;
        analytic.Where((g, i) => !grouped.Agrees(i, g)).ShouldBeEmpty();
    }

    [Fact]
    public void A_saturating_tanh_whose_backward_cancels_in_one_minus_y_squared_agrees_within_its_measured_rounding()
    {
        // 1 − y² at y near 1 loses digits the backward cannot get back: 2e-4 of a gradient at x = 5, beyond any bound of
        // roundings of its terms. The allowance measures it: a Forward and Backward whose every operation adds one rounding.
        var input = new Tensor<double>([2, 6], [4, 4.5, 5, 5.5, 6, 7, -4, -4.5, -5, -5.5, -6, -7]);
        var (source, plain, _) = Source<double>(new Tanh<double>(), [input]);

        var exact = source.Of(DualTensor.Input(0));

        var g = plain.InputGradients[0]!.Data;
        g.Where((v, i) => !exact.Agrees(i, v)).ShouldBeEmpty();
        g.Select((v, i) => Math.Abs(v - exact.Derivatives[i]) / (exact.Epsilon * (exact.Scale[i] + Math.Abs(v)))).Max().ShouldBeGreaterThan(ExactDerivatives.Roundings);
    }

    [Fact]
    public void A_tanh_recomputed_in_backward_at_eighteen_agrees_though_its_gradient_is_a_few_percent_off()
    {
        // t = tanh 17.5 is 1 − 1.3e-15, within ten roundings of 1: the backward's 1 − t² is 3% from the exact 1/cosh².
        var input = new Tensor<double>([4], [18, -18.5, 17.5, -18.25]);
        var (source, plain, _) = Source<double>(new Support.Tanh<double>(), [input]);

        var exact = source.Of(DualTensor.Input(0));

        var g = plain.InputGradients[0]!.Data;
        g.Where((v, i) => !exact.Agrees(i, v)).ShouldBeEmpty();
        Math.Abs((g[2] - exact.Derivatives[2]) / exact.Derivatives[2]).ShouldBeGreaterThan(0.01);
    }

    [Theory]
    [InlineData("input", 1e-11)]
    [InlineData("W", 1e-11)]
    [InlineData("b", 1e-11)]
    public void A_planted_relative_error_far_below_what_differences_see_is_caught_in_double(string tensor, double error)
    {
        var planted = new ScaledGradient<double>(new Dense<double>(5, 4, seed: 3), tensor, 1 + error);
        var (source, plain, _) = Source<double>(planted, [ZooCases.Input<double>("Dense", 1)]);
        var target = tensor == "input" ? DualTensor.Input(0) : DualTensor.Parameter(tensor == "W" ? 0 : 1);
        var analytic = tensor == "input" ? plain.InputGradients[0]!.Data : plain.ParameterGradients[target.Index];

        var exact = source.Of(target);

        analytic.Where((g, i) => !exact.Agrees(i, g)).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_planted_relative_error_of_a_thousandth_is_caught_in_float()
    {
        // The allowance in float is 32 roundings of the scale and of the gradient (at least 3.8e-6 of it), with the measured noise: a thousandth is far above it.
        var planted = new ScaledGradient<float>(new Dense<float>(5, 4, seed: 3), "W", 1 + 1e-3);
        var (source, plain, _) = Source<float>(planted, [ZooCases.Input<float>("Dense", 1)]);

        var exact = source.Of(DualTensor.Parameter(0));

        plain.ParameterGradients[0].Where((g, i) => !exact.Agrees(i, g)).ShouldNotBeEmpty();
    }

    [Fact]
    public void A_well_conditioned_dense_layer_needs_no_difference_measured()
    {
        // Measuring the rounding of a difference costs four nested passes per group: only where the backward's noise
        // sets the allowance or an element disagrees. A dense layer in double has neither.
        var (source, plain, tensors) = Source<double>(new Dense<double>(5, 16, seed: 3), [Input([4, 5])]);

        foreach (var tensor in tensors)
        {
            var analytic = tensor.IsInput ? plain.InputGradients[tensor.Index]!.Data : plain.ParameterGradients[tensor.Index];
            source.Refined(source.Of(tensor), tensor, analytic).DifferenceNoise.ShouldBeNull($"{tensor}");
        }
    }

    [Fact]
    public void A_float_layer_norm_near_200_measures_the_rounding_of_its_differences_and_allows_less()
    {
        // The backward's noise alone counts the mean's rounding of 200, which the exact derivative shares, and varies
        // from element to element with it; where a gradient differs by more than its own terms' rounding, the
        // difference's own rounding, measured, allows less than half as much, and every element still agrees.
        var random = new Random(11);
        var input = new Tensor<float>([2, 4], [.. Enumerable.Range(0, 8).Select(_ => (float)(200 + ZooCases.Normal(random)))]);
        var (source, plain, _) = Source<float>(new LayerNorm<float>(4, seed: 3), [input]);
        var analytic = plain.InputGradients[0]!.Data;

        var proxy = source.Of(DualTensor.Input(0));
        var refined = source.Refined(proxy, DualTensor.Input(0), analytic);

        var measured = Enumerable.Range(0, analytic.Length).Where(i => !double.IsNaN(refined.DifferenceNoise![i])).ToArray();
        measured.ShouldNotBeEmpty();
        double Loosest(ExactDerivatives exact) => measured.Select(i => exact.Allowance(i, analytic[i]) / Math.Abs(analytic[i])).Max();
        Loosest(refined).ShouldBeLessThan(Loosest(proxy) / 2);
        analytic.Where((g, i) => !refined.Agrees(i, g)).ShouldBeEmpty();
    }

    private static void GroupedIsAlone<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (source, _, tensors) = Source<T>(name);
        foreach (var tensor in tensors)
        {
            var grouped = source.Of(tensor);
            var alone = source.Of(tensor, grouped: false);

            grouped.Derivatives.ShouldBe(alone.Derivatives, $"{tensor}");
            grouped.Scale.ShouldBe(alone.Scale, $"{tensor}");
        }
    }

    private static void Agrees<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (source, plain, tensors) = Source<T>(name);
        foreach (var tensor in tensors)
        {
            var exact = source.Of(tensor);
            var analytic = tensor.IsInput ? plain.InputGradients[tensor.Index]!.Data : plain.ParameterGradients[tensor.Index];
            for (int i = 0; i < analytic.Length; i++)
            {
                double g = double.CreateTruncating(analytic[i]);
                exact.Agrees(i, g).ShouldBeTrue($"{tensor} [{i}]: backward {g:R}, exact {exact.Derivatives[i]:R}, allowance {exact.Allowance(i, g):R}");
            }
        }
    }

    private static (DualDerivatives<T> Source, PlainRun<T> Plain, DualTensor[] Tensors) Source<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (layer, inputs) = CarryCases.Build<T>(name);
        return Source(layer, inputs);
    }

    /// <summary>The source over the carried layer, the user's run, and every tensor with a gradient: each differentiable input, each parameter.</summary>
    private static (DualDerivatives<T> Source, PlainRun<T> Plain, DualTensor[] Tensors) Source<T>(object layer, Tensor<T>[] inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plain = PlainRun<T>.Of(layer, inputs, seed: 5);
        var carried = CarriedLayer<T>.Of(layer, inputs, plain, seed: 5);
        carried.Reason.ShouldBeNull();
        var tensors = plain.InputGradients.Select((g, k) => g is null ? (DualTensor?)null : DualTensor.Input(k)).OfType<DualTensor>()
            .Concat(plain.ParameterGradients.Select((_, p) => DualTensor.Parameter(p)))
            .ToArray();
        return (new DualDerivatives<T>(carried.Dual!, inputs, plain.Upstream), plain, tensors);
    }

    private static Tensor<double> Input(int[] shape)
    {
        var random = new Random(3);
        var t = new Tensor<double>(shape);
        for (int i = 0; i < t.Length; i++)
        {
            t.Data[i] = ZooCases.Normal(random);
        }

        return t;
    }
}
