using GradAssert.Engine.Evidence;
using GradAssert.Examples.Layers;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// The exact reference's comparison along the exact gradient's own direction: an error common to many elements (a
/// factor 1 + δ) adds up along it, where each element's rounding, of either sign, adds up only as its square root, so a
/// gradient each of whose elements is within its own allowance can still fail as a whole; a correct one never does.
/// </summary>
public sealed class AlongItselfTests
{
    private static GradCheckOptions Options => new() { Seed = 1 };

    [Fact]
    public void A_float_convolution_bias_six_millionths_off_fails_along_itself_with_every_element_within_its_rounding()
    {
        var input = ZooCases.Input<float>("Conv2D", 1);
        ILayer<float> Planted() => new ScaledGradient<float>(new Conv2D<float>(2, 3, kernel: 3, stride: 2, padding: 1, seed: 3), "b", 1 + 6e-6);

        var correct = GradCheck.Layer(new Conv2D<float>(2, 3, kernel: 3, stride: 2, padding: 1, seed: 3), input, Options);
        var report = GradCheck.Layer(Planted(), input, Options);

        // The correct bias agrees within the floor of roundings, where the rounding along the direction is not measured.
        correct.Passed.ShouldBeTrue();
        correct.Tensors.Single(t => t.Tensor == "b").ExactAlongItself.ShouldNotBeNull().Measured.ShouldBeFalse();
        report.Tensors.Single(t => t.Tensor == "b").ExactAlongItself.ShouldNotBeNull().Measured.ShouldBeTrue();

        report.Passed.ShouldBeFalse();
        var bias = report.Tensors.Single(t => !t.Passed);
        bias.Tensor.ShouldBe("b");
        bias.ExactDisagreements.ShouldBe(0);
        bias.ExactAlongItself.ShouldNotBeNull().Agrees.ShouldBeFalse();
        report.ToString().ShouldContain("b along its exact gradient is ");
        report.ToString().ShouldContain("(1.000006×): each element is within its own rounding, but together they are 6.03e-06 off, where the rounding of the two computations allows 2.01e-06: a common factor or an error shared by many elements");
        report.ToString().ShouldContain("Failed all the same: Conv2D.b is off as a whole, along its exact gradient, ");
        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        var row = json.RootElement.GetProperty("tensors").EnumerateArray().Single(t => t.GetProperty("tensor").GetString() == "b");
        var along = row.GetProperty("alongItself");
        (along.GetProperty("analytic").GetDouble() / along.GetProperty("exact").GetDouble()).ShouldBe(1 + 6e-6, 1e-7);
        along.GetProperty("allowance").GetDouble().ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("Conv2D")]
    [InlineData("SelfAttention")]
    [InlineData("Softmax")]
    [InlineData("LayerNorm")]
    public void A_correct_float_layer_agrees_along_itself(string name)
    {
        var report = GradCheck.Layer(ZooCases.Build<float>(name), ZooCases.Input<float>(name, 1), Options);

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.ShouldAllBe(t => t.Reference == "exact (dual numbers)");
    }

    [Fact]
    public void A_wide_double_dense_passes_along_itself_where_a_plain_sum_of_its_16000_products_rounds_beyond_the_allowance()
    {
        // The fuzz harness's WideDense64x250@oneRow failed 20 of 60 correct cases, and seed 5 here, before both sides
        // were summed as in twice double's precision: a plain sum over 16,000 products rounds by a hundred roundings of
        // the result.
        var random = new Random(1);
        var input = new Tensor<double>([1, 64]);
        for (int i = 0; i < input.Length; i++)
        {
            input.Data[i] = ZooCases.Normal(random);
        }

        for (int seed = 1; seed <= 8; seed++)
        {
            var report = GradCheck.Layer(new Dense<double>(64, 250, seed), input, new GradCheckOptions { Seed = seed });
            report.Passed.ShouldBeTrue(report.ToString());
            report.Tensors.Single(t => t.Tensor == "W").ExactAlongItself.ShouldNotBeNull().Agrees.ShouldBeTrue();
        }
    }

    [Fact]
    public void A_correct_float_mean_over_4096_columns_agrees_along_itself()
    {
        // Every exact derivative of a row is the same, and an unjittered direction summed 4,096 copies of one value in the
        // dual pass, whose roundings all lean one way: seed 2 failed, 1.28e-5 off where 6.57e-6 was allowed.
        for (int seed = 1; seed <= 10; seed++)
        {
            var report = GradCheck.Layer(new GradAssert.Fuzz.Layers.MeanOfRows<float>(), new GradientCase(seed).Normal<float>(2, 4096), new GradCheckOptions { Seed = seed });

            report.Passed.ShouldBeTrue(report.ToString());
            report.Tensors.Single().ExactAlongItself.ShouldNotBeNull();
        }
    }

    [Theory]
    [InlineData("Dense")]
    [InlineData("LayerNorm")]
    [InlineData("Softmax")]
    public void The_rounding_along_a_direction_repeats_the_backwards_draws_as_one_run_would_make_them(string name)
    {
        // The direction's forward runs alone and takes the backward's rounding from the draws that measured it: the same
        // seeds, the same operations. Along one element (tangent 1, nothing else seeded) that is exactly the sample of a
        // single run seeding that element, forward and backward together.
        var (layer, inputs) = (ZooCases.Build<double>(name), new[] { ZooCases.Input<double>(name, 1) });
        var plain = PlainRun<double>.Of(layer, inputs, seed: 5);
        var carried = CarriedLayer<double>.Of(layer, inputs, plain, seed: 5);
        var rounding = BackwardRounding<double>.Carry(carried.Dual!, inputs, plain.Upstream);
        rounding.Gradients(seed: 24);
        var input = DualTensor.Input(0);
        int[] outputs = [.. Enumerable.Range(0, plain.Outputs.Sum(y => y.Length))];

        for (int element = 0; element < 3; element++)
        {
            var direction = new double[inputs[0].Length];
            direction[element] = 1;
            double along = rounding.Along(input, direction);

            along.ShouldBe(rounding.Discrepancy(input, [element], [outputs], seed: 24)[0]);
            along.ShouldBeGreaterThan(0);
        }
    }
}
