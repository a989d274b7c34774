using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// How much a correct backward's gradient may owe to rounding, measured with the carried layer carried once more, to
/// <c>Dual&lt;Dual&lt;T&gt;&gt;</c>: a Forward and a Backward with nothing seeded run inside a <see cref="RoundingNoise"/>
/// scope, where every operation adds one rounding of its result to its tangent, and the gradients' tangents are a sample
/// of the rounding both accumulated. (At the nested type only, so that the exact passes at <c>Dual&lt;T&gt;</c> never
/// ask for a scope.) Where a
/// backward cancels (1 − t² at t = tanh 18, an exponential's tail in a float softmax), this is its own rounding, which
/// no bound relative to its terms covers. Four samples with other signs; the largest is kept for each element (one sample
/// can cancel: 1 − t² at t = tanh 17.5 sums three roundings, which one choice of signs in four cancels exactly).
/// </summary>
internal static class BackwardRounding
{
    /// <summary>How many samples are taken; the largest movement of each element is kept.</summary>
    private const int Draws = 4;

    /// <summary>For each input (null where Backward gives none) and each parameter, each element's sampled rounding: the largest over <see cref="Draws"/> samples.</summary>
    /// <exception cref="InvalidOperationException">The dual layer does not carry to the nested dual type.</exception>
    public static (double[]?[] Inputs, double[][] Parameters) Measure<T>(DualLayer<T> dual, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<Tensor<T>> upstream, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        dual.Reset();
        dual.ClearTangents();
        var (carried, reason) = DualCarrier<Dual<T>>.Carry(dual.Form.Layer);
        var nested = carried is null
            ? throw new InvalidOperationException($"its backward's rounding could not be measured: {reason}")
            : new DualLayer<Dual<T>>(carried, dual.Name);
        double[]?[] inputNoise = new double[]?[inputs.Count];
        var parameterNoise = nested.Parameters.Select(p => new double[p.Value.Length]).ToArray();
        for (int draw = 0; draw < Draws; draw++)
        {
            nested.Reset();
            IReadOnlyList<Tensor<Dual<Dual<T>>>?> gradients;
            using (RoundingNoise.Start((ulong)(seed + draw) * 0x9E3779B97F4A7C15UL))
            {
                nested.Form.Forward([.. inputs.Select(Constants)]);
                gradients = nested.Form.Backward([.. upstream.Select(Constants)]);
            }

            for (int k = 0; k < Math.Min(gradients.Count, inputNoise.Length); k++)
            {
                if (gradients[k] is { } g)
                {
                    inputNoise[k] ??= new double[g.Length];
                    Keep(inputNoise[k]!, g.Data);
                }
            }

            var parameters = nested.Parameters;
            for (int p = 0; p < parameterNoise.Length; p++)
            {
                Keep(parameterNoise[p], parameters[p].Gradient.Data);
            }
        }

        return (inputNoise, parameterNoise);
    }

    private static Tensor<Dual<Dual<T>>> Constants<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new([.. x.Shape], [.. x.Data.Select(v => Dual<Dual<T>>.Constant(Dual<T>.Constant(v)))]);

    private static void Keep<T>(double[] noise, Dual<Dual<T>>[] gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = Math.Max(noise[i], Math.Abs(double.CreateTruncating(gradient[i].Tangent.Value)));
        }
    }
}
