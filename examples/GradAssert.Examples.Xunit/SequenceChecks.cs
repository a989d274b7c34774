// The layers of sequence models: Embedding (its input is indices, so only the table is checked), a GRU cell,
// single-head self-attention, and a residual block.
namespace GradAssert.Examples.Xunit;

public class SequenceChecks
{
    [GradientCheck(Cases = 10)]
    public void Embedding_backward_matches_finite_differences(GradientCase c)
    {
        var embedding = new Embedding<double>(c.Dim("vocabulary", 1, 5), c.Dim("dimension", 1, 4), seed: c.Seed);
        var indices = c.Uniform<double>(0, embedding.Vocabulary, c.Dim("batch", 1, 3), c.Dim("sequence", 1, 4));
        for (int i = 0; i < indices.Length; i++)
        {
            indices.Data[i] = Math.Floor(indices.Data[i]);   // row numbers, repeats included
        }

        GradientAssert.Layer(embedding, indices);
    }

    [GradientCheck(Cases = 10)]
    public void GruCell_backward_matches_finite_differences(GradientCase c)
    {
        var cell = new GruCell<double>(c.Dim("inputs", 1, 4), c.Dim("hidden", 1, 4), seed: c.Seed);
        GradientAssert.Layer(cell, c.Normal<double>(c.Dim("batch", 1, 3), cell.Inputs + cell.Hidden));   // [x | h]
    }

    [GradientCheck(Cases = 10)]
    public void SelfAttention_backward_matches_finite_differences(GradientCase c)
    {
        var attention = new SelfAttention<double>(c.Dim("model", 1, 4), seed: c.Seed);
        GradientAssert.Layer(attention, c.Normal<double>(c.Dim("batch", 1, 2), c.Dim("sequence", 1, 4), attention.Model));
    }

    [GradientCheck(Cases = 10)]
    public void Residual_backward_matches_finite_differences(GradientCase c)
    {
        int width = c.Dim("width", 1, 5);
        var block = new Residual<double>(new Sequential<double>(new Dense<double>(width, width, seed: c.Seed), new Tanh<double>()));
        GradientAssert.Layer(block, c.Normal<double>(c.Dim("batch", 1, 3), width));
    }
}
