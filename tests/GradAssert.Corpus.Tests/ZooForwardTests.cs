namespace GradAssert.Corpus.Tests;

/// <summary>
/// The zoo's forward passes compute what their docs say. A gradient check only proves Backward matches Forward, so
/// these pin Forward itself with small hand-computed examples.
/// </summary>
[Trait("Category", "Zoo")]
public sealed class ZooForwardTests
{
    [Fact]
    public void Dense_computes_x_times_W_plus_b()
    {
        var dense = new Dense<double>(2, 3);
        new double[] { 1, 2, 3, 4, 5, 6 }.CopyTo(dense.W.Value.Data, 0);
        new double[] { 0.5, -0.5, 1 }.CopyTo(dense.B.Value.Data, 0);

        var y = dense.Forward(new Tensor<double>([1, 2], [1, -1]));

        y.Data.ShouldBe([1 - 4 + 0.5, 2 - 5 - 0.5, 3 - 6 + 1]);
    }

    [Fact]
    public void Activations_compute_their_functions()
    {
        var x = new Tensor<double>([5], [-2, -0.5, 0, 0.5, 2]);

        new ReLU<double>().Forward(x).Data.ShouldBe([0, 0, 0, 0.5, 2]);
        new LeakyReLU<double>(0.1).Forward(x).Data.ShouldBe([-0.2, -0.05, 0, 0.5, 2], 1e-15);
        new Abs<double>().Forward(x).Data.ShouldBe([2, 0.5, 0, 0.5, 2]);
        new Clamp<double>(-1, 1).Forward(x).Data.ShouldBe([-1, -0.5, 0, 0.5, 1]);
        new Tanh<double>().Forward(x).Data.ShouldBe(x.Data.Select(Math.Tanh).ToArray(), 1e-15);
        new Sigmoid<double>().Forward(x).Data.ShouldBe(x.Data.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), 1e-15);
    }

    [Fact]
    public void Softmax_rows_sum_to_one_and_stay_finite_for_huge_logits()
    {
        var y = new Softmax<float>().Forward(new Tensor<float>([2, 3], [1, 2, 3, 1000, 1000, -1000]));

        (y.Data[0] + y.Data[1] + y.Data[2]).ShouldBe(1f, 1e-6f);
        y.Data[2].ShouldBe((float)(Math.Exp(3) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3))), 1e-6f);
        y.Data[3..].ShouldBe([0.5f, 0.5f, 0f]);
    }

    [Fact]
    public void Softmax_cross_entropy_is_the_mean_negative_log_probability_of_the_labels()
    {
        var loss = new SoftmaxCrossEntropy<double>([2, 0]);

        var l = loss.Forward(new Tensor<double>([2, 3], [0, 0, 0, 1, 2, 3])).Data.ShouldHaveSingleItem();

        double p = Math.Exp(1) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        l.ShouldBe((Math.Log(3) - Math.Log(p)) / 2, 1e-14);
    }

    [Fact]
    public void Layer_norm_with_unit_gamma_and_zero_beta_gives_zero_mean_unit_variance_rows()
    {
        var norm = new LayerNorm<double>(4, epsilon: 0);
        Array.Fill(norm.Gamma.Value.Data, 1);
        Array.Clear(norm.Beta.Value.Data);

        var y = norm.Forward(new Tensor<double>([1, 4], [1, 2, 3, 10]));

        y.Data.Average().ShouldBe(0, 1e-14);
        y.Data.Select(v => v * v).Average().ShouldBe(1, 1e-14);
    }

    [Fact]
    public void Batch_norm_normalizes_each_feature_over_the_batch()
    {
        var norm = new BatchNorm<double>(2, epsilon: 0);
        Array.Fill(norm.Gamma.Value.Data, 1);
        Array.Clear(norm.Beta.Value.Data);

        var y = norm.Forward(new Tensor<double>([3, 2], [1, 10, 2, 20, 3, 60]));

        y.Data.Where((_, i) => i % 2 == 0).ShouldBe([-Math.Sqrt(1.5), 0, Math.Sqrt(1.5)], 1e-14);
        y.Data.Where((_, i) => i % 2 == 1).Average().ShouldBe(0, 1e-14);
    }

    [Fact]
    public void Conv2D_sums_each_window_with_zero_padding_and_stride()
    {
        var conv = new Conv2D<double>(1, 1, kernel: 2, stride: 2, padding: 1);
        Array.Fill(conv.Weights.Value.Data, 1);
        conv.Bias.Value.Data[0] = 0.5;
        var x = new Tensor<double>([1, 1, 3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var y = conv.Forward(x);

        y.Shape.ShouldBe([1, 1, 2, 2]);
        // Padded windows at rows/cols {-1,0} and {1,2}: corners see 1 cell, edges 2, the centre window 4.
        y.Data.ShouldBe([1 + 0.5, 2 + 3 + 0.5, 4 + 7 + 0.5, 5 + 6 + 8 + 9 + 0.5]);
    }

    [Fact]
    public void Max_pool_takes_the_largest_value_of_each_window()
    {
        var y = new MaxPool2D<double>(2).Forward(new Tensor<double>([1, 1, 2, 4], [1, 5, 2, 0, 3, 4, -1, -2]));

        y.Data.ShouldBe([5, 2]);
    }

    [Fact]
    public void Embedding_looks_up_rows_and_rejects_non_indices()
    {
        var embedding = new Embedding<double>(3, 2);
        new double[] { 0, 1, 10, 11, 20, 21 }.CopyTo(embedding.Table.Value.Data, 0);

        var y = embedding.Forward(new Tensor<double>([3], [2, 0, 2]));

        y.Shape.ShouldBe([3, 2]);
        y.Data.ShouldBe([20, 21, 0, 1, 20, 21]);
        Should.Throw<ArgumentException>(() => embedding.Forward(new Tensor<double>([1], [1.5])));
        Should.Throw<ArgumentException>(() => embedding.Forward(new Tensor<double>([1], [3])));
    }

    [Fact]
    public void Residual_adds_its_input_to_the_inner_output()
    {
        var x = new Tensor<double>([1, 2], [0.5, -1]);

        new Residual<double>(new Tanh<double>()).Forward(x).Data.ShouldBe([0.5 + Math.Tanh(0.5), -1 + Math.Tanh(-1)]);
    }

    [Fact]
    public void Self_attention_over_one_position_returns_its_value_projection()
    {
        var attention = new SelfAttention<double>(2, seed: 3);
        var w = attention.Value.Value.Data;

        var y = attention.Forward(new Tensor<double>([1, 1, 2], [1, 2]));

        y.Data.ShouldBe([w[0] + (2 * w[2]), w[1] + (2 * w[3])], 1e-15);
    }

    [Fact]
    public void Gru_cell_with_zero_weights_halves_the_previous_state()
    {
        var cell = new GruCell<double>(1, 2);
        foreach (var parameter in cell.Parameters)
        {
            Array.Clear(parameter.Value.Data);
        }

        // z = r = σ(0) = 0.5 and n = tanh(0) = 0, so h' = 0.5·h.
        cell.Forward(new Tensor<double>([1, 3], [7, 2, -4])).Data.ShouldBe([1, -2]);
    }

    [Fact]
    public void Layers_leave_their_input_unchanged_and_forward_is_deterministic()
    {
        var c = new GradientCase(5);
        var x = c.Normal<double>(2, 4);
        var before = (double[])x.Data.Clone();
        ILayer<double>[] layers =
        [
            new Dense<double>(4, 3), new ReLU<double>(), new Softmax<double>(), new LayerNorm<double>(4), new BatchNorm<double>(4),
            new Residual<double>(new Dense<double>(4, 4)), new GruCell<double>(2, 2),
        ];

        foreach (var layer in layers)
        {
            layer.Forward(x).Data.ShouldBe(layer.Forward(x).Data, layer.Name);
            x.Data.ShouldBe(before, layer.Name);
        }
    }

    [Fact]
    public void The_readme_example_passes_its_gradient_check()
    {
        var c = new GradientCase(seed: 1);
        var conv = new Conv2D<float>(inChannels: 2, outChannels: 3, kernel: 3, stride: 2, padding: 1, seed: c.Seed);

        GradientAssert.Layer(conv, c.Normal<float>(2, 2, 5, 5)).Passed.ShouldBeTrue();
    }
}
