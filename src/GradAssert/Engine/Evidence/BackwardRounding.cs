using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// How much a correct backward's gradient, and its difference from the exact derivative, may owe to rounding, measured
/// with the carried layer carried once more, to <c>Dual&lt;Dual&lt;T&gt;&gt;</c>: a Forward and a Backward run inside a
/// <see cref="RoundingNoise"/> scope, where every operation adds one rounding of its result to its tangent, and the
/// tangents read afterwards are a sample of the rounding both accumulated. (At the nested type only, so that the exact
/// passes at <c>Dual&lt;T&gt;</c> never ask for a scope.) The check's inputs and upstream gradient are made before the
/// scope opens: both computations receive them exactly. Four samples with other signs and sizes; the largest is kept
/// (one sample can come out small: 1 − t² at t = tanh 17.5 sums three roundings, which can nearly cancel).
/// </summary>
/// <typeparam name="T">The layer's number type.</typeparam>
internal sealed class BackwardRounding<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How many samples are taken; the largest movement of each element is kept.</summary>
    private const int Draws = 4;

    private readonly DualLayer<Dual<T>> _nested;
    private readonly IReadOnlyList<Tensor<T>> _inputs;
    private readonly IReadOnlyList<Tensor<T>> _upstream;
    private readonly double[] _r;
    private readonly (double[]?[] Inputs, double[][] Parameters)?[] _draws = new (double[]?[] Inputs, double[][] Parameters)?[Draws];
    private int _gradientSeed;

    private BackwardRounding(DualLayer<Dual<T>> nested, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<Tensor<T>> upstream)
    {
        (_nested, _inputs, _upstream) = (nested, inputs, upstream);
        _r = [.. upstream.SelectMany(r => r.Data).Select(double.CreateTruncating)];
    }

    /// <summary>The dual layer carried to the nested type, at the check's inputs and upstream gradient.</summary>
    /// <exception cref="InvalidOperationException">The dual layer does not carry to the nested dual type.</exception>
    public static BackwardRounding<T> Carry(DualLayer<T> dual, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<Tensor<T>> upstream)
    {
        dual.Reset();
        dual.ClearTangents();
        var (carried, reason) = DualCarrier<Dual<T>>.Carry(dual.Form.Layer);
        return carried is null
            ? throw new InvalidOperationException($"its backward's rounding could not be measured: {reason}")
            : new BackwardRounding<T>(new DualLayer<Dual<T>>(carried, dual.Name), inputs, upstream);
    }

    /// <summary>
    /// For each input (null where Backward gives none) and each parameter, each element's sampled rounding of a correct
    /// backward's gradient: the largest over <see cref="Draws"/> samples.
    /// </summary>
    public (double[]?[] Inputs, double[][] Parameters) Gradients(int seed)
    {
        double[]?[] inputNoise = new double[]?[_inputs.Count];
        var parameterNoise = _nested.Parameters.Select(p => new double[p.Value.Length]).ToArray();
        _gradientSeed = seed;
        for (int draw = 0; draw < Draws; draw++)
        {
            var (_, gradients) = Run(seed + draw, seeded: null, elements: []);
            var signed = (Inputs: new double[]?[_inputs.Count], Parameters: new double[parameterNoise.Length][]);
            for (int k = 0; k < Math.Min(gradients.Count, inputNoise.Length); k++)
            {
                if (gradients[k] is { } g)
                {
                    inputNoise[k] ??= new double[g.Length];
                    signed.Inputs[k] = Keep(inputNoise[k]!, g.Data);
                }
            }

            var parameters = _nested.Parameters;
            for (int p = 0; p < parameterNoise.Length; p++)
            {
                signed.Parameters[p] = Keep(parameterNoise[p], parameters[p].Gradient.Data);
            }

            _draws[draw] = signed;
        }

        return (inputNoise, parameterNoise);
    }

    /// <summary>
    /// For each of <paramref name="elements"/>, a sample of the rounding in the difference between a correct backward's
    /// gradient and its exact derivative, Σ_o r_o·∂y_o/∂x − g over the element's <paramref name="outputs"/>: the elements
    /// seeded together in the forward (their outputs must be disjoint), both sides read from one run, the largest over
    /// <see cref="Draws"/> samples. Rounding the two share (a forward value both start from) cancels here, and the
    /// exact side's own rounding, which a sample of the backward alone cannot see, shows.
    /// </summary>
    public double[] Discrepancy(DualTensor tensor, int[] elements, int[][] outputs, int seed)
    {
        var largest = new double[elements.Length];
        for (int draw = 0; draw < Draws; draw++)
        {
            var (tangents, gradients) = Run(seed + draw, tensor, elements);
            var gradient = tensor.IsInput ? gradients[tensor.Index]?.Data : _nested.Parameters[tensor.Index].Gradient.Data;
            for (int k = 0; k < elements.Length; k++)
            {
                double sum = 0;
                foreach (int o in outputs[k])
                {
                    sum += _r[o] * tangents[o];
                }

                double backward = gradient is null ? 0 : double.CreateTruncating(gradient[elements[k]].Tangent.Value);
                largest[k] = Math.Max(largest[k], Math.Abs(sum - backward));
            }
        }

        return largest;
    }

    /// <summary>
    /// A sample of the rounding in the difference between a correct backward's gradient and the exact derivative along
    /// one direction <paramref name="direction"/> of <paramref name="tensor"/>: Σ_o r_o·∂y_o/∂v − Σ_i v_i·g_i, every
    /// element seeded at once with its component of the direction, both sides read from one run, the largest over
    /// <see cref="Draws"/> samples. The rounding of all the elements and outputs sums here as it does in the two
    /// computations, shared rounding (a mean, a normalizer, a reciprocal used by every element) with its sign.
    /// </summary>
    public double Along(DualTensor tensor, T[] direction)
    {
        if (_draws[0] is null)
        {
            throw new InvalidOperationException("The backward's rounding is measured (Gradients) before a direction's.");
        }

        int[] elements = [.. Enumerable.Range(0, direction.Length)];
        double largest = 0;
        for (int draw = 0; draw < Draws; draw++)
        {
            // The forward alone: the backward's rounding of this draw was read by Gradients, whose run this repeats up to
            // its backward, draw for draw (the same seed, the same operations: a seeded inner tangent makes no number
            // more), so the two sides' shared rounding is the same sample's.
            var (tangents, _) = Run(_gradientSeed + draw, tensor, elements, direction, backward: false);
            var (inputs, parameters) = _draws[draw]!.Value;
            var gradient = tensor.IsInput ? inputs[tensor.Index] : parameters[tensor.Index];
            double exact = 0, backward = 0;
            for (int o = 0; o < tangents.Length; o++)
            {
                exact += _r[o] * tangents[o];
            }

            for (int i = 0; gradient is not null && i < direction.Length; i++)
            {
                backward += double.CreateTruncating(direction[i]) * gradient[i];
            }

            largest = Math.Max(largest, Math.Abs(exact - backward));
        }

        return largest;
    }

    /// <summary>
    /// One Forward and Backward (unless <paramref name="backward"/> is false) inside a scope with signs from
    /// <paramref name="seed"/>; <paramref name="elements"/> of <paramref name="seeded"/> (when given) move at inner tangent
    /// 1 (or <paramref name="tangents"/>' entry for each), and are put back after. The outputs' sampled rounding of their
    /// tangents (flattened, read before Backward runs) and the gradients (none without the Backward).
    /// </summary>
    private (double[] Outputs, IReadOnlyList<Tensor<Dual<Dual<T>>>?> Gradients) Run(int seed, DualTensor? seeded, int[] elements, T[]? tangents = null, bool backward = true)
    {
        _nested.Reset();
        Tensor<Dual<Dual<T>>>[] x = [.. _inputs.Select(Constants)], r = [.. _upstream.Select(Constants)];
        var moving = seeded is not { } tensor ? null : tensor.IsInput ? x[tensor.Index].Data : _nested.Parameters[tensor.Index].Value.Data;
        var originals = moving is null ? [] : elements.Select(i => moving[i]).ToArray();
        for (int k = 0; moving is not null && k < elements.Length; k++)
        {
            int i = elements[k];
            moving[i] = new Dual<Dual<T>>(new Dual<T>(moving[i].Value.Value, tangents?[k] ?? T.One), Dual<T>.Zero);
        }

        try
        {
            using (RoundingNoise.Start((ulong)seed * 0x9E3779B97F4A7C15UL))
            {
                double[] outputs = [.. _nested.Form.Forward(x).SelectMany(y => y.Data).Select(y => double.CreateTruncating(y.Tangent.Tangent))];
                return (outputs, backward ? _nested.Form.Backward(r) : []);
            }
        }
        finally
        {
            for (int k = 0; k < originals.Length; k++)
            {
                moving![elements[k]] = originals[k];
            }
        }
    }

    private static Tensor<Dual<Dual<T>>> Constants(Tensor<T> x) =>
        new([.. x.Shape], [.. x.Data.Select(v => Dual<Dual<T>>.Constant(Dual<T>.Constant(v)))]);

    /// <summary>Keeps each element's largest rounding so far in <paramref name="noise"/>; this draw's, with their signs.</summary>
    private static double[] Keep(double[] noise, Dual<Dual<T>>[] gradient)
    {
        var signed = new double[noise.Length];
        for (int i = 0; i < noise.Length; i++)
        {
            signed[i] = double.CreateTruncating(gradient[i].Tangent.Value);
            noise[i] = Math.Max(noise[i], Math.Abs(signed[i]));
        }

        return signed;
    }
}
