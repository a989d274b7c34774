using GradAssert.Examples.Layers.ThirdParty;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A third-party layer whose weights live in its own tensor type, checked without copying by hand: each parameter is a
/// <see cref="Parameter{T}"/> over the library's Get/Set calls, said once for its tensor type, and Forward/Backward
/// translate arrays.
/// </summary>
public sealed class LibraryDenseAdapter(LibDense dense) : ILayer<float>
{
    /// <summary>How the library reads and writes one element of its tensor type.</summary>
    private static readonly ElementAccess<NdArray, float> Nd = new((a, i) => a.Get(i), (a, i, v) => a.Set(i, v));

    /// <summary>The library layer's weights and bias, read and written through its own calls.</summary>
    public IReadOnlyList<Parameter<float>> Parameters { get; } =
    [
        Nd.Over("W", dense.Weights, dense.WeightGrad, dense.Inputs, dense.Outputs),
        Nd.Over("b", dense.Bias, dense.BiasGrad, dense.Outputs),
    ];

    /// <inheritdoc />
    public string Name => "LibDense";

    /// <inheritdoc />
    public Tensor<float> Forward(Tensor<float> input) => FromArray(dense.Predict(ToArray(input)));

    /// <inheritdoc />
    public Tensor<float>? Backward(Tensor<float> outputGradient) => FromArray(dense.Backprop(ToArray(outputGradient)));

    private static float[,] ToArray(Tensor<float> t)
    {
        var a = new float[t.Shape[0], t.Shape[1]];
        Buffer.BlockCopy(t.Data, 0, a, 0, t.Length * sizeof(float));
        return a;
    }

    private static Tensor<float> FromArray(float[,] a)
    {
        var t = new Tensor<float>(a.GetLength(0), a.GetLength(1));
        Buffer.BlockCopy(a, 0, t.Data, 0, t.Length * sizeof(float));
        return t;
    }
}
