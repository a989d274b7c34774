using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A composite written as users write them: y = x + Dense₂(Tanh(Dense₁(LayerNorm(x)))), its sub-layers called with
/// <c>.Call(…)</c> instead of <c>.Forward(…)</c>. That is all a check needs to check each sub-layer alone on the input it
/// really received and to blame one by its path (<c>PreNormBlock/Dense#2</c>), or the block's own code between them.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class PreNormBlock<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerNorm<T> _norm;
    private readonly Dense<T> _up;
    private readonly Tanh<T> _tanh = new();
    private readonly ILayer<T> _down;

    /// <summary>A block over <paramref name="width"/> features with seeded sub-layers.</summary>
    /// <param name="width">The number of features in and out.</param>
    /// <param name="seed">Seeds the sub-layers' weights.</param>
    /// <param name="down">The layer from 2·width features back to width, a seeded <see cref="Dense{T}"/> unless given.</param>
    public PreNormBlock(int width, int seed, ILayer<T>? down = null)
    {
        _norm = new LayerNorm<T>(width, seed: seed);
        _up = new Dense<T>(width, 2 * width, seed + 1);
        _down = down ?? new Dense<T>(2 * width, width, seed + 2);
    }

    /// <summary>Broken on purpose when true: Backward forgets the skip connection's gradient.</summary>
    public bool ForgetsSkipGradient { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [.. _norm.Parameters, .. _up.Parameters, .. _down.Parameters];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        var branch = _down.Call(_tanh.Call(_up.Call(_norm.Call(input))));
        return new Tensor<T>(input.Shape.ToArray(), input.Data.Zip(branch.Data, (x, r) => x + r).ToArray());
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var dInput = _norm.Backward(_up.Backward(_tanh.Backward(_down.Backward(outputGradient)!)!)!)!;
        return ForgetsSkipGradient ? dInput : new Tensor<T>(dInput.Shape.ToArray(), dInput.Data.Zip(outputGradient.Data, (a, s) => a + s).ToArray());
    }
}
