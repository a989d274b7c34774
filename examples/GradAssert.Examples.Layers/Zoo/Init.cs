using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>Seeded weight initialisation for the zoo's layers: the same seed always gives the same weights.</summary>
public static class Init
{
    /// <summary>A tensor of normal values with standard deviation <paramref name="scale"/>, drawn from <paramref name="seed"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="seed">The seed of the draws.</param>
    /// <param name="scale">The standard deviation, such as 1/√fan-in.</param>
    /// <param name="shape">The tensor's shape.</param>
    public static Tensor<T> Normal<T>(int seed, double scale, params int[] shape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var tensor = new Tensor<T>(shape);
        for (int i = 0; i < tensor.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            tensor.Data[i] = T.CreateTruncating(scale * normal);
        }

        return tensor;
    }
}
