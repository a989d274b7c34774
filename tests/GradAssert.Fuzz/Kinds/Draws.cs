namespace GradAssert.Fuzz.Kinds;

/// <summary>Small helpers over <see cref="GradientCase"/> draws, so every size and value still comes from the case's seed.</summary>
internal static class Draws
{
    /// <summary>A seed for a layer's initial weights, drawn from the case.</summary>
    public static int LayerSeed(GradientCase c) => c.Dim("layerSeed", 0, 1_000_000);

    /// <summary><paramref name="offset"/> + <paramref name="scale"/>·N(0, 1), computed in double and then rounded to T.</summary>
    public static Tensor<T> Normal<T>(GradientCase c, double scale, double offset, params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var normal = c.Normal<double>(shape);
        var tensor = new Tensor<T>(shape);
        for (int i = 0; i < tensor.Length; i++)
        {
            tensor.Data[i] = T.CreateChecked(offset + (scale * normal.Data[i]));
        }

        return tensor;
    }

    /// <summary>
    /// 8-bit pixel values as an image has them: round(128 + 100·N(0, 1)) clipped to [0, 255], so about a tenth of them
    /// sit at each end (saturated) and ties are common.
    /// </summary>
    public static Tensor<T> Pixels<T>(GradientCase c, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var normal = c.Normal<double>(shape);
        var pixels = new Tensor<T>(shape);
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels.Data[i] = T.CreateChecked(Math.Clamp(Math.Round(128 + (100 * normal.Data[i])), 0, 255));
        }

        return pixels;
    }

    /// <summary>
    /// A copy of <paramref name="x"/> with each element set to exactly 0 with probability one half, but never all of
    /// them: a tensor whose every element sits at a kink leaves a check nothing to compare, and such a check fails by
    /// design (a pass must be earned), correct code or not.
    /// </summary>
    public static Tensor<T> HalfZeros<T>(GradientCase c, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var coins = c.Integers<double>(0, 1, x.Length);
        var zeroed = x.Clone();
        for (int i = 0; i < zeroed.Length; i++)
        {
            zeroed.Data[i] = coins.Data[i] == 0 ? T.Zero : zeroed.Data[i];
        }

        if (zeroed.Data.All(T.IsZero))
        {
            zeroed.Data[0] = x.Data[0];
        }

        return zeroed;
    }

    /// <summary>Fixed labels for <paramref name="batch"/> rows of <paramref name="classes"/> classes.</summary>
    public static int[] Labels(GradientCase c, int batch, int classes) =>
        [.. Enumerable.Range(0, batch).Select(n => c.Dim($"label{n}", 0, classes - 1))];

    /// <summary>Probabilities: the softmax of N(0, <paramref name="spread"/>²) logits per row of [batch, classes].</summary>
    public static Tensor<T> Probabilities<T>(GradientCase c, double spread, int batch, int classes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var logits = c.Normal<double>(batch, classes);
        var p = new Tensor<T>(batch, classes);
        for (int n = 0; n < batch; n++)
        {
            double max = Enumerable.Range(0, classes).Max(k => spread * logits.Data[(n * classes) + k]);
            double sum = Enumerable.Range(0, classes).Sum(k => Math.Exp((spread * logits.Data[(n * classes) + k]) - max));
            for (int k = 0; k < classes; k++)
            {
                p.Data[(n * classes) + k] = T.CreateChecked(Math.Exp((spread * logits.Data[(n * classes) + k]) - max) / sum);
            }
        }

        return p;
    }
}
