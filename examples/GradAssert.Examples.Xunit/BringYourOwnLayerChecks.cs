// Layers as users already write them (docs/bring-your-own-layers.md): a third-party layer whose weights live in
// its own tensor type, a loss with a constant target, attention over separate q, k and v, a composite block whose
// sub-layers are checked alone, a recurrent encoder with two inputs whose cell (two inputs too) is checked alone at
// each step, and a training-mode batch norm whose running statistics the check leaves as they were.
using System.Numerics;
using GradAssert.Examples.Layers.ThirdParty;

namespace GradAssert.Examples.Xunit;

public class BringYourOwnLayerChecks
{
    [GradientCheck(Cases = 8)]
    public void Third_party_dense_through_its_own_get_and_set(GradientCase c)
    {
        var adapter = new LibraryDenseAdapter(new LibDense(c.Dim("in", 1, 5), c.Dim("out", 1, 5), c.Seed));
        GradientAssert.Layer(adapter, c.Normal<float>(c.Dim("batch", 1, 4), adapter.Parameters[0].Value.Shape[0]));
    }

    [GradientCheck(typeof(float), typeof(double), Cases = 8)]
    public void Mean_squared_error_with_a_constant_target<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = c.Dim("batch", 1, 5), width = c.Dim("width", 1, 4);
        var inputs = new LayerInputs<T> { ["prediction"] = c.Normal<T>(batch, width) }.Constant("target", c.Normal<T>(batch, width));
        GradientAssert.Layer(new MeanSquaredErrorLoss<T>(), inputs);
    }

    [GradientCheck(typeof(float), typeof(double), Cases = 8)]
    public void Attention_over_separate_q_k_and_v<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int queries = c.Dim("queries", 1, 4), keys = c.Dim("keys", 1, 4), width = c.Dim("width", 1, 4);
        var inputs = new LayerInputs<T> { ["q"] = c.Normal<T>(queries, width), ["k"] = c.Normal<T>(keys, width), ["v"] = c.Normal<T>(keys, c.Dim("values", 1, 3)) };
        GradientAssert.Layer(new CrossAttention<T>(), inputs);
    }

    [GradientCheck(typeof(float), typeof(double), Cases = 8)]
    public void Pre_norm_block_with_its_sub_layers_checked_alone<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = c.Dim("width", 2, 4);
        GradientAssert.Layer(new PreNormBlock<T>(width, c.Seed), c.Normal<T>(c.Dim("batch", 1, 3), width));
    }

    [GradientCheck(typeof(float), typeof(double), Cases = 8)]
    public void Recurrent_encoder_with_its_cell_checked_alone_at_each_step<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int steps = c.Dim("steps", 1, 3), batch = c.Dim("batch", 1, 3), features = c.Dim("features", 1, 3), hidden = c.Dim("hidden", 1, 4);
        var inputs = new LayerInputs<T> { ["x"] = c.Normal<T>(steps, batch, features), ["h0"] = c.Normal<T>(batch, hidden) };
        GradientAssert.Layer(new RecurrentEncoder<T>(features, hidden, c.Dim("outputs", 1, 3), c.Seed), inputs);
    }

    [GradientCheck(typeof(float), typeof(double), Cases = 8)]
    public void Training_mode_batch_norm_leaves_its_running_statistics_as_they_were<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norm = new RunningBatchNorm<T>(c.Dim("features", 1, 4), c.Seed);
        var before = norm.RunningMean.ToArray();
        GradientAssert.Layer(norm, c.Normal<T>(c.Dim("batch", 2, 5), norm.Features));
        if (!norm.RunningMean.SequenceEqual(before))
        {
            throw new InvalidOperationException("The check moved the running mean.");
        }
    }
}
