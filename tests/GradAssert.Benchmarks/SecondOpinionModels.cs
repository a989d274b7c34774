using System.Numerics;
using GradAssert.Examples.Layers;

namespace GradAssert.Benchmarks;

/// <summary>
/// The models the second opinion's cost is measured on, in either float type, from the zoo's generic layers: a
/// dense/tanh MLP, the conv stack and the attention block of <see cref="Models"/>, at their sizes.
/// </summary>
internal static class SecondOpinionModels
{
    public static readonly string[] Names = ["mlp-1k", "mlp-17k", "conv", "attention"];

    public static (Sequential<T> Model, Tensor<T> Input) Build<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        "mlp-1k" => Mlp<T>([16, 24, 16, 10]),
        "mlp-17k" => Mlp<T>([64, 96, 96, 10]),
        "conv" => Models.Conv<T>(),
        "attention" => Models.Attention<T>(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown benchmark model."),
    };

    private static (Sequential<T>, Tensor<T>) Mlp<T>(int[] widths) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new List<ILayer<T>>();
        for (int k = 0; k + 1 < widths.Length; k++)
        {
            layers.Add(new Dense<T>(widths[k], widths[k + 1], seed: k + 1));
            if (k + 2 < widths.Length)
            {
                layers.Add(new Tanh<T>());
            }
        }

        return (new Sequential<T>("mlp", [.. layers]), new GradientCase(99).Normal<T>(Models.Batch, widths[0]));
    }
}
