using System.Numerics;
using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Exact;

/// <summary>
/// The generic layers of the example zoo (and the composites built from them), each built at any number type with the
/// same sizes and seed, with the shape of an input it takes.
/// </summary>
internal static class ZooCases
{
    public static readonly string[] Names =
    [
        "Dense", "Conv2D", "LayerNorm", "BatchNorm", "MaxPool2D", "Embedding", "Residual", "SelfAttention", "Softmax",
        "SoftmaxCrossEntropy", "GruCell", "ReLU", "LeakyReLU", "Tanh", "Sigmoid", "Abs", "Clamp", "PreNormBlock",
        "Sequential", "RunningBatchNorm",
    ];

    /// <summary>The zoo layer's type (its generic definition), for the inventory of the examples.</summary>
    public static readonly Type[] Types =
    [
        typeof(Dense<>), typeof(Conv2D<>), typeof(LayerNorm<>), typeof(BatchNorm<>), typeof(MaxPool2D<>), typeof(Embedding<>),
        typeof(Residual<>), typeof(SelfAttention<>), typeof(Softmax<>), typeof(SoftmaxCrossEntropy<>), typeof(GruCell<>),
        typeof(ReLU<>), typeof(LeakyReLU<>), typeof(Tanh<>), typeof(Sigmoid<>), typeof(Abs<>), typeof(Clamp<>),
        typeof(PreNormBlock<>), typeof(RunningBatchNorm<>),
    ];

    public static ILayer<T> Build<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        "Dense" => new Dense<T>(5, 4, seed: 3),
        "Conv2D" => new Conv2D<T>(2, 3, kernel: 3, stride: 2, padding: 1, seed: 3),
        "LayerNorm" => new LayerNorm<T>(6, seed: 3),
        "BatchNorm" => new BatchNorm<T>(4, seed: 3),
        "RunningBatchNorm" => new RunningBatchNorm<T>(4, seed: 3),
        "MaxPool2D" => new MaxPool2D<T>(2),
        "Embedding" => new Embedding<T>(7, 3, seed: 3),
        "Residual" => new Residual<T>(new Dense<T>(4, 4, seed: 3)),
        "SelfAttention" => new SelfAttention<T>(4, seed: 3),
        "Softmax" => new Softmax<T>(),
        "SoftmaxCrossEntropy" => new SoftmaxCrossEntropy<T>([1, 0, 3]),
        "GruCell" => new GruCell<T>(3, 4, seed: 3),
        "ReLU" => new ReLU<T>(),
        "LeakyReLU" => new LeakyReLU<T>(0.1),
        "Tanh" => new Tanh<T>(),
        "Sigmoid" => new Sigmoid<T>(),
        "Abs" => new Abs<T>(),
        "Clamp" => new Clamp<T>(-0.8, 0.9),
        "PreNormBlock" => new PreNormBlock<T>(4, seed: 3),
        "Sequential" => new Sequential<T>(new Dense<T>(5, 6, seed: 3), new Tanh<T>(), new LayerNorm<T>(6, seed: 4), new Dense<T>(6, 4, seed: 5), new SoftmaxCrossEntropy<T>([1, 0, 3])),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a zoo case"),
    };

    public static int[] InputShape(string name) => name switch
    {
        "Dense" or "Sequential" => [3, 5],
        "Conv2D" => [2, 2, 5, 5],
        "LayerNorm" => [3, 6],
        "BatchNorm" or "RunningBatchNorm" => [5, 4],
        "MaxPool2D" => [2, 2, 4, 4],
        "Embedding" => [2, 4],
        "Residual" or "PreNormBlock" => [3, 4],
        "SelfAttention" => [2, 3, 4],
        "SoftmaxCrossEntropy" => [3, 4],
        "GruCell" => [2, 7],
        _ => [4, 5],
    };

    /// <summary>True for the layers whose input is indices (not differentiable): their input direction is 0.</summary>
    public static bool TakesIndices(string name) => name == "Embedding";

    /// <summary>A seeded input: standard normal values scaled by 1.5, or indices below the vocabulary.</summary>
    public static Tensor<T> Input<T>(string name, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var input = new Tensor<T>(InputShape(name));
        for (int i = 0; i < input.Length; i++)
        {
            input.Data[i] = T.CreateTruncating(TakesIndices(name) ? random.Next(7) : 1.5 * Normal(random));
        }

        return input;
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
