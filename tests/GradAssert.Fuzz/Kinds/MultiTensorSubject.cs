namespace GradAssert.Fuzz.Kinds;

/// <summary>An <see cref="IMultiTensorLayer{T}"/> and its named inputs (some of them constant).</summary>
/// <param name="Layer">The layer under check.</param>
/// <param name="Inputs">Its inputs, by name.</param>
internal sealed record MultiTensorSubject<T>(IMultiTensorLayer<T> Layer, LayerInputs<T> Inputs) : Subject<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override GradientReport Check(GradCheckOptions options) => GradCheck.Layer(Layer, Inputs, options);

    /// <inheritdoc />
    public override IReadOnlyList<ProbedGradient<T>> Probe(int seed)
    {
        var draws = new GradientCase(seed);
        foreach (var parameter in Layer.Parameters)
        {
            Array.Clear(parameter.Gradient.Data);
        }

        var inputs = Layer.InputNames.Select(name => Inputs.First(i => i.Name == name).Value.Clone()).ToArray();
        var outputs = Layer.Forward(inputs);
        var inputGradients = Layer.Backward(outputs.Select(o => draws.Normal<T>([.. o.Shape])).ToArray());
        var gradients = new List<ProbedGradient<T>>();
        for (int i = 0; i < inputGradients.Count; i++)
        {
            if (inputGradients[i] is { } gradient)
            {
                gradients.Add(new(Layer.InputNames[i], [.. gradient.Data]));
            }
        }

        gradients.AddRange(Layer.Parameters.Select(p => new ProbedGradient<T>(p.Name, [.. p.Gradient.Data])));
        return gradients;
    }
}
