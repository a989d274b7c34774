namespace GradAssert.Fuzz.Kinds;

/// <summary>An <see cref="ILayer{T}"/> and its input.</summary>
/// <param name="Layer">The layer (or model) under check.</param>
/// <param name="Input">The input to check it at.</param>
internal sealed record LayerSubject<T>(ILayer<T> Layer, Tensor<T> Input) : Subject<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override GradientReport Check(GradCheckOptions options) => GradCheck.Layer(Layer, Input, options);

    /// <inheritdoc />
    public override IReadOnlyList<ProbedGradient<T>> Probe(int seed)
    {
        var draws = new GradientCase(seed);
        var gradients = new List<ProbedGradient<T>>();
        Once(Layer, Input, draws, gradients);
        if (Layer is Sequential<T> model)
        {
            var x = Input;
            foreach (var layer in model.Layers)
            {
                var next = layer.Forward(x.Clone()).Clone();
                Once(layer, x, draws, gradients);
                x = next;
            }
        }

        return gradients;
    }

    private static void Once(ILayer<T> layer, Tensor<T> input, GradientCase draws, List<ProbedGradient<T>> gradients)
    {
        foreach (var parameter in layer.Parameters)
        {
            Array.Clear(parameter.Gradient.Data);
        }

        var output = layer.Forward(input.Clone());
        var inputGradient = layer.Backward(draws.Normal<T>([.. output.Shape]));
        if (inputGradient is not null)
        {
            gradients.Add(new("input", [.. inputGradient.Data]));
        }

        gradients.AddRange(layer.Parameters.Select(p => new ProbedGradient<T>(p.Name, [.. p.Gradient.Data])));
    }
}
