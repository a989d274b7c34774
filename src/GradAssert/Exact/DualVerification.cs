using System.Numerics;
using System.Runtime.InteropServices;
using GradAssert.Tensors;

namespace GradAssert.Exact;

/// <summary>
/// Whether a carried layer can be trusted as a reference, on the check's own input: its Forward's value parts must be the
/// user's outputs bit for bit, its Backward's value parts the user's input and parameter gradients bit for bit, and its
/// Forward, with every input and parameter moving, must not convert a moving number out of generic math
/// (<c>Math.Tanh(double.CreateChecked(x))</c> keeps the value and drops the derivative).
/// </summary>
internal static class DualVerification
{
    /// <summary>Null when the carried layer verifies; otherwise why not, in one line that names the layer.</summary>
    /// <param name="dual">The carried layer.</param>
    /// <param name="inputs">The check's inputs.</param>
    /// <param name="plain">What the user's layer computed on them.</param>
    /// <param name="seed">Seeds the tangents of the moving pass.</param>
    public static string? Check<T>(DualLayer<T> dual, IReadOnlyList<Tensor<T>> inputs, PlainRun<T> plain, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        dual.Reset();
        var parameters = dual.Parameters;
        if (parameters.Count != plain.ParameterGradients.Count)
        {
            return $"{dual.Name}: at {DualTypes<T>.Show(typeof(Dual<T>))} it lists {parameters.Count} parameters, not {plain.ParameterGradients.Count}";
        }

        foreach (var parameter in parameters)
        {
            var data = parameter.Value.Data;
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = new Dual<T>(data[i].Value, Direction<T>(random));
            }
        }

        try
        {
            var moving = inputs.Select(x => new Tensor<Dual<T>>([.. x.Shape], [.. x.Data.Select(v => new Dual<T>(v, Direction<T>(random)))])).ToArray();
            IReadOnlyList<Tensor<Dual<T>>> outputs;
            using (var dropped = DroppedTangents.Start())
            {
                if (Run(dual, "Forward", () => dual.Form.Forward(moving), out outputs) is { } threw)
                {
                    return threw;
                }

                if (dropped.Count > 0)
                {
                    return $"{dual.Name}: its Forward leaves generic math ({dropped.Count} conversion(s) of a moving number to {DualTypes<T>.Show(dropped.FirstTarget!)}, as in Math.Tanh(double.CreateChecked(x))), which drops the derivative";
                }
            }

            if (Differs(outputs, plain.Outputs, dual.Form.OutputNames, name => name) is { } forward)
            {
                return $"{dual.Name}: value parts differ from Forward at {forward}";
            }

            var upstream = plain.Upstream.Select(r => new Tensor<Dual<T>>([.. r.Shape], [.. r.Data.Select(v => new Dual<T>(v, T.Zero))])).ToArray();
            if (Run(dual, "Backward", () => dual.Form.Backward(upstream), out var gradients) is { } failed)
            {
                return failed;
            }

            var names = dual.Form.InputNames;
            if (Differs(gradients, plain.InputGradients, names, name => $"dL/d{name}") is { } input)
            {
                return $"{dual.Name}: value parts differ from Backward at {input}";
            }

            var dualGradients = dual.Parameters.Select(p => p.Gradient).ToArray();
            var plainGradients = plain.ParameterGradients.Select((g, p) => new Tensor<T>([.. dualGradients[p].Shape], g)).ToArray();
            if (Differs(dualGradients, plainGradients, [.. dual.Parameters.Select(p => p.Name)], name => $"dL/d{name}") is { } parameter)
            {
                return $"{dual.Name}: value parts differ from Backward at {parameter}";
            }

            return null;
        }
        finally
        {
            dual.ClearTangents();
            dual.Reset();
        }
    }

    /// <summary>Runs one call of user code; a throw becomes the reason, in one line.</summary>
    private static string? Run<T, TResult>(DualLayer<T> dual, string call, Func<TResult> body, out TResult result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            result = body();
            return null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            result = default!;
            string message = error.Message.Split('\n')[0].Trim();
            return $"{dual.Name}: its {call} at {DualTypes<T>.Show(typeof(Dual<T>))} threw {error.GetType().Name}: {message}";
        }
    }

    /// <summary>The first element whose value part is not the plain one bit for bit (<c>y[3]</c>, <c>dL/dW[1,2]</c>), or null.</summary>
    private static string? Differs<T>(IReadOnlyList<Tensor<Dual<T>>?> dual, IReadOnlyList<Tensor<T>?> plain, IReadOnlyList<string> names, Func<string, string> label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (dual.Count != plain.Count)
        {
            return $"{label("…")}: {dual.Count} tensors, not {plain.Count}";
        }

        for (int t = 0; t < plain.Count; t++)
        {
            string name = label(t < names.Count ? names[t] : $"#{t}");
            // A plain null is a gradient not asked for (an input the check holds constant), whatever the dual layer returns.
            if (plain[t] is null)
            {
                continue;
            }

            if (dual[t] is null)
            {
                return $"{name}: null at the dual type, a tensor from the user's layer";
            }

            var (d, p) = (dual[t]!, plain[t]!);
            if (!ShapeMath.SameShape(d.Shape, p.Shape))
            {
                return $"{name}: shape {ShapeMath.Format(d.Shape)}, not {ShapeMath.Format(p.Shape)}";
            }

            for (int i = 0; i < p.Length; i++)
            {
                if (!SameBits(d.Data[i].Value, p.Data[i]))
                {
                    string at = p.Shape.Count == 1 ? $"[{i}]" : ShapeMath.Format(ShapeMath.Unravel(p.Shape, i));
                    return $"{name}{at}";
                }
            }
        }

        return null;
    }

    private static bool SameBits<T>(T a, T b) where T : unmanaged =>
        MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref a, 1)).SequenceEqual(MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref b, 1)));

    /// <summary>A tangent in [−1, 1) exactly representable in T.</summary>
    private static T Direction<T>(Random random) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.CreateTruncating((2 * random.NextDouble()) - 1);
}
