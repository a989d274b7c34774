using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// What the user's layer computes on one input: its outputs, and for one upstream gradient its input gradients and every
/// parameter's gradient. The dual layer's value parts must equal these bit for bit.
/// </summary>
/// <param name="Outputs">Forward's outputs.</param>
/// <param name="Upstream">The upstream gradients Backward was given, one per output.</param>
/// <param name="InputGradients">Backward's input gradients (null for an input that is not differentiable).</param>
/// <param name="ParameterGradients">Each parameter's gradient, in the order the layer lists its parameters.</param>
internal sealed record PlainRun<T>(
    IReadOnlyList<Tensor<T>> Outputs,
    IReadOnlyList<Tensor<T>> Upstream,
    IReadOnlyList<Tensor<T>?> InputGradients,
    IReadOnlyList<T[]> ParameterGradients)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Runs the user's layer on copies of <paramref name="inputs"/> and a seeded upstream gradient, and leaves it exactly
    /// as it was: its hidden state, declared state and parameters' gradients (and their storage) put back.
    /// </summary>
    /// <param name="layer">An <see cref="ILayer{T}"/> or <see cref="IMultiTensorLayer{T}"/>.</param>
    /// <param name="inputs">The check's inputs, one per input name; not modified.</param>
    /// <param name="seed">Seeds the upstream gradient.</param>
    public static PlainRun<T> Of(object layer, IReadOnlyList<Tensor<T>> inputs, int seed)
    {
        var form = new LayerForm<T>(layer, writesValues: false);
        var state = new FieldSnapshot<T>(layer);
        var parameters = form.Parameters;
        var gradients = parameters.Select(p => (Mirror: (T[])p.Gradient.Data.Clone(), Storage: StorageGradient(p))).ToArray();
        try
        {
            var outputs = form.Forward([.. inputs.Select(i => i.Clone())]);
            var random = new Random(seed);
            var upstream = outputs.Select(o => new Tensor<T>([.. o.Shape], [.. o.Data.Select(_ => T.CreateTruncating((2 * random.NextDouble()) - 1))])).ToArray();
            var inputGradients = form.Backward([.. upstream.Select(u => u.Clone())]);
            return new PlainRun<T>(
                [.. outputs.Select(o => o.Clone())],
                upstream,
                [.. inputGradients.Select(g => g?.Clone())],
                [.. form.Parameters.Select(p => (T[])p.Gradient.Data.Clone())]);
        }
        finally
        {
            for (int p = 0; p < parameters.Count; p++)
            {
                gradients[p].Mirror.CopyTo(parameters[p].Gradient.Data, 0);
                if (gradients[p].Storage is { } stored)
                {
                    parameters[p].Storage!.WriteGradient(stored);
                }
            }

            state.Restore();
        }
    }

    private static T[]? StorageGradient(Parameter<T> parameter)
    {
        if (parameter.Storage is not { } storage)
        {
            return null;
        }

        var copy = new T[parameter.Gradient.Length];
        storage.ReadGradient(copy);
        return copy;
    }
}
