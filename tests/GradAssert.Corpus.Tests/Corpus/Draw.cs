using System.Numerics;

namespace GradAssert.Corpus.Tests.Corpus;

/// <summary>Small helpers over <see cref="GradientCase"/> draws, so every value still comes from the case's seed.</summary>
internal static class Draw
{
    /// <summary>A standard normal tensor scaled by <paramref name="scale"/>.</summary>
    public static Tensor<T> Normal<T>(GradientCase c, double scale, params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tensor = c.Normal<T>(shape);
        for (int i = 0; i < tensor.Length; i++)
        {
            tensor.Data[i] *= T.CreateChecked(scale);
        }

        return tensor;
    }

    /// <summary>A seed for a layer's initial weights, drawn from the case.</summary>
    public static int LayerSeed(GradientCase c) => c.Dim("layerSeed", 0, 1_000_000);

    /// <summary>Whether this case plants kinks: about a third of the cases do.</summary>
    public static bool PlantsKinks(GradientCase c) => c.Dim("plantKinks", 0, 2) == 0;

    /// <summary>
    /// Moves a minority of the elements to within 1e-6 of a kink (one of <paramref name="kinks"/>), on either side,
    /// and returns how many. None for tensors under 4 elements: a tensor that is mostly kinks says little.
    /// </summary>
    public static int PlantNearKinks<T>(GradientCase c, Tensor<T> x, params double[] kinks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = x.Length < 4 ? 0 : c.Dim("kinkCount", 1, (x.Length - 1) / 3);
        var offsets = c.Uniform<double>(1e-8, 1e-6, Math.Max(count, 1));
        for (int k = 0; k < count; k++)
        {
            int at = c.Dim($"kinkAt{k}", 0, x.Length - 1);
            double kink = kinks[c.Dim($"kinkWhich{k}", 0, kinks.Length - 1)];
            double side = c.Dim($"kinkSide{k}", 0, 1) == 0 ? -1 : 1;
            x.Data[at] = T.CreateChecked(kink + (side * offsets.Data[k]));
        }

        // The same element may have been drawn twice: count the distinct ones.
        int planted = 0;
        foreach (var v in x.Data)
        {
            double d = double.CreateChecked(v);
            if (kinks.Any(kink => Math.Abs(d - kink) <= 1e-6))
            {
                planted++;
            }
        }

        return planted;
    }
}
