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
        "conv" => (new Sequential<T>(
            "conv",
            new Conv2D<T>(3, 8, kernel: 3, padding: 1, seed: 1),
            new ReLU<T>(),
            new MaxPool2D<T>(2),
            new Conv2D<T>(8, 8, kernel: 3, padding: 1, seed: 2),
            new ReLU<T>(),
            new MaxPool2D<T>(2)), new GradientCase(98).Normal<T>(Models.Batch, 3, 12, 12)),
        "attention" => (new Sequential<T>(
            "attention",
            new Residual<T>(new SelfAttention<T>(16, seed: 1)),
            new LayerNorm<T>(16),
            new Residual<T>(new SelfAttention<T>(16, seed: 2)),
            new Tanh<T>()), new GradientCase(97).Normal<T>(Models.Batch, 6, 16)),
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
