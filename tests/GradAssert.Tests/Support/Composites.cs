namespace GradAssert.Tests.Support;

/// <summary>
/// y = x + B(relu(A(x))): a residual block written as users write composites, calling its sub-layers through
/// <see cref="LayerCalls.Call{T}(ILayer{T}, Tensor{T})"/>; A and B are square dense layers.
/// </summary>
internal sealed class ResidualBlock : ILayer<double>
{
    private readonly Dense<double> _a;
    private readonly Dense<double> _b;
    private Tensor<double> _hidden = new(0);

    public ResidualBlock(int width, int seed, double secondWeightGradientScale = 1, string name = "Residual")
    {
        _a = new Dense<double>(width, width, seed);
        _b = new Dense<double>(width, width, seed + 100) { WeightGradientScale = secondWeightGradientScale };
        Name = name;
    }

    public string Name { get; }

    /// <summary>Backward forgets the skip connection's gradient (the composite's own bug, not a sub-layer's).</summary>
    public bool ForgetsSkipGradient { get; init; }

    public IReadOnlyList<Parameter<double>> Parameters => [.. _a.Parameters, .. _b.Parameters];

    public Tensor<double> Forward(Tensor<double> input)
    {
        _hidden = _a.Call(input);
        var activated = new Tensor<double>(_hidden.Shape.ToArray(), _hidden.Data.Select(h => Math.Max(0, h)).ToArray());
        var branch = _b.Call(activated);
        return new Tensor<double>(input.Shape.ToArray(), input.Data.Zip(branch.Data, (x, r) => x + r).ToArray());
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var dActivated = _b.Backward(outputGradient)!;
        var dHidden = new Tensor<double>(_hidden.Shape.ToArray(), dActivated.Data.Zip(_hidden.Data, (d, h) => h > 0 ? d : 0).ToArray());
        var dInput = _a.Backward(dHidden)!;
        return ForgetsSkipGradient
            ? dInput
            : new Tensor<double>(dInput.Shape.ToArray(), dInput.Data.Zip(outputGradient.Data, (a, s) => a + s).ToArray());
    }
}

/// <summary>Two residual blocks in a composite of its own.</summary>
internal sealed class TwoBlocks(ResidualBlock first, ResidualBlock second) : ILayer<double>
{
    public string Name => "Model";

    public IReadOnlyList<Parameter<double>> Parameters => [.. first.Parameters, .. second.Parameters];

    public Tensor<double> Forward(Tensor<double> input) => second.Call(first.Call(input));

    public Tensor<double>? Backward(Tensor<double> outputGradient) => first.Backward(second.Backward(outputGradient)!);
}
