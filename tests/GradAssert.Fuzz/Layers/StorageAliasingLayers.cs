namespace GradAssert.Fuzz.Layers;

/// <summary>An identity that returns its input tensor itself, and the upstream gradient itself.</summary>
internal sealed class IdentityReturningInput<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>"Identity".</summary>
    public string Name => "Identity";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input) => input;

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient) => outputGradient;
}

/// <summary>Dropout in evaluation mode, written as many are: it returns its input itself (and the upstream gradient).</summary>
/// <param name="rate">The training-mode drop rate (unused in evaluation).</param>
internal sealed class DropoutInEvaluation<T>(double rate) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>"Dropout".</summary>
    public string Name => "Dropout";

    /// <summary>The training-mode drop rate.</summary>
    public double Rate => rate;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input) => input;

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient) => outputGradient;
}

/// <summary>
/// A reshape of [batch, rows·columns] to [batch, rows, columns] that wraps the input's own array (no copy), and the
/// upstream gradient's array on the way back.
/// </summary>
/// <param name="rows">The new second axis.</param>
/// <param name="columns">The new third axis.</param>
internal sealed class ReshapeOverSameArray<T>(int rows, int columns) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _inputShape;

    /// <summary>"Reshape".</summary>
    public string Name => "Reshape";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _inputShape = [.. input.Shape];
        return new Tensor<T>([input.Shape[0], rows, columns], input.Data);
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient) =>
        new Tensor<T>(_inputShape ?? throw new InvalidOperationException("Backward before Forward."), outputGradient.Data);
}

/// <summary>
/// A learned constant (a bias-only layer, a learned query or position table): the output is the parameter's own
/// tensor, whatever the input; the input's gradient is zero.
/// </summary>
/// <param name="value">The initial constant.</param>
internal sealed class LearnedConstant<T>(Tensor<T> value) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int[]? _inputShape;

    /// <summary>"LearnedConstant".</summary>
    public string Name => "LearnedConstant";

    /// <summary>The constant.</summary>
    public Parameter<T> Constant { get; } = new("constant", value);

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Constant];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _inputShape = [.. input.Shape];
        return Constant.Value;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        for (int i = 0; i < outputGradient.Length; i++)
        {
            Constant.Gradient.Data[i] += outputGradient.Data[i];
        }

        return new Tensor<T>(_inputShape ?? throw new InvalidOperationException("Backward before Forward."));
    }
}
