using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// One dual pass beside one plain forward and backward of the same layer: ⟨r, J·v⟩ read from the dual output's
/// tangents, ⟨Jᵀr, v⟩ from the plain Backward, and the output elements whose value parts differ from the plain output.
/// </summary>
/// <param name="Forward">⟨r, tangents of the dual output⟩, in double.</param>
/// <param name="Backward">⟨Backward(r), v_x⟩ + Σ ⟨dL/dθ, v_θ⟩, in double.</param>
/// <param name="Scale">The sum of the absolute terms of both products: what "relative" is relative to.</param>
/// <param name="ValueMismatches">The output elements whose value part is not the plain output's bit for bit.</param>
internal sealed record DualPass(double Forward, double Backward, double Scale, IReadOnlyList<string> ValueMismatches)
{
    /// <summary>
    /// Gives the dual layer the plain layer's weights (tangents drawn from <paramref name="seed"/> when
    /// <paramref name="seedParameters"/>, else 0) and the input with a drawn direction (or 0), runs both forwards,
    /// draws r and runs the plain backward.
    /// </summary>
    public static DualPass Run<T>(ILayer<T> plain, ILayer<Dual<T>> dual, Tensor<T> input, bool seedInput, bool seedParameters, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed * 7919);
        plain.Parameters.Count.ShouldBe(dual.Parameters.Count);
        var parameterDirections = new List<double[]>();
        for (int p = 0; p < plain.Parameters.Count; p++)
        {
            var from = plain.Parameters[p].Value.Data;
            var to = dual.Parameters[p].Value.Data;
            to.Length.ShouldBe(from.Length);
            double[] direction = Direction<T>(random, from.Length, seedParameters);
            for (int k = 0; k < from.Length; k++)
            {
                to[k] = new Dual<T>(from[k], T.CreateTruncating(direction[k]));
            }

            parameterDirections.Add(direction);
        }

        double[] inputDirection = Direction<T>(random, input.Length, seedInput);
        var dualInput = new Tensor<Dual<T>>(
            [.. input.Shape],
            [.. input.Data.Select((x, k) => new Dual<T>(x, T.CreateTruncating(inputDirection[k])))]);

        var output = plain.Forward(input.Clone());
        var dualOutput = dual.Forward(dualInput);
        dualOutput.Shape.ShouldBe(output.Shape);
        var mismatches = output.Data
            .Select((y, k) => (y, k))
            .Where(p => !DualPoints.SameBits(p.y, dualOutput.Data[p.k].Value))
            .Select(p => $"output[{p.k}]: {DualPoints.Show(dualOutput.Data[p.k].Value)}, plain {DualPoints.Show(p.y)}")
            .ToList();

        var r = new Tensor<T>([.. output.Shape]);
        for (int k = 0; k < r.Length; k++)
        {
            r.Data[k] = T.CreateTruncating(ZooCases.Normal(random));
        }

        var forward = Terms(r.Data, dualOutput.Data.Select(d => d.Tangent).ToArray());
        foreach (var parameter in plain.Parameters)
        {
            Array.Clear(parameter.Gradient.Data);
        }

        var inputGradient = plain.Backward(r);
        var backward = inputGradient is null ? [] : Terms(inputGradient.Data, inputDirection);
        for (int p = 0; p < plain.Parameters.Count; p++)
        {
            backward = [.. backward, .. Terms(plain.Parameters[p].Gradient.Data, parameterDirections[p])];
        }

        return new DualPass(forward.Sum(), backward.Sum(), forward.Sum(Math.Abs) + backward.Sum(Math.Abs), mismatches);
    }

    /// <summary>A seeded standard normal direction, each element exactly representable in T; zeros when not seeded.</summary>
    private static double[] Direction<T>(Random random, int length, bool seeded) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. Enumerable.Range(0, length).Select(_ => seeded ? double.CreateTruncating(T.CreateTruncating(ZooCases.Normal(random))) : 0)];

    private static double[] Terms<T>(T[] left, T[] right) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. left.Select((l, k) => double.CreateTruncating(l) * double.CreateTruncating(right[k]))];

    private static double[] Terms<T>(T[] left, double[] right) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. left.Select((l, k) => double.CreateTruncating(l) * right[k])];
}
