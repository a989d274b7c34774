using System.Numerics;

namespace GradAssert.Corpus.Tests.Bugs;

/// <summary>
/// A planted bug around a correct zoo layer: Forward is the inner layer's (so the function checked is right),
/// and Backward is the inner one's followed by <see cref="Corrupt"/>, or a rewrite of it. The report names the layer
/// as the inner layer does, so "the right layer and tensor fail" can be asserted by tensor name.
/// </summary>
internal abstract class Wrapped<T>(ILayer<T> inner) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;

    public ILayer<T> Inner { get; } = inner;

    public string Name => Inner.Name;

    public IReadOnlyList<Parameter<T>> Parameters => Inner.Parameters;

    /// <summary>The input of the latest Forward.</summary>
    protected Tensor<T> Input => _input ?? throw new InvalidOperationException("Backward before Forward.");

    public Tensor<T> Forward(Tensor<T> input)
    {
        _input = input.Clone();
        return Inner.Forward(input);
    }

    public virtual Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var inputGradient = Inner.Backward(outputGradient);
        Corrupt(outputGradient, inputGradient);
        return inputGradient;
    }

    /// <summary>Plants the bug into the gradients the correct backward pass produced.</summary>
    protected virtual void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
    }
}
