namespace GradAssert.Fuzz.Layers;

/// <summary>
/// The mean cross-entropy of given probabilities (a softmax's output, not logits) against fixed labels:
/// L = −(1/N)·Σₙ log p[n, labelₙ], output [1]. Defined for p &gt; 0 only. Backward: dp[n, labelₙ] = −dL/(N·p).
/// </summary>
/// <param name="labels">The class of each row.</param>
internal sealed class CrossEntropyOnProbabilities<T>(int[] labels) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;

    /// <summary>"CrossEntropyOnProbabilities".</summary>
    public string Name => "CrossEntropyOnProbabilities";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        _input = input.Clone();
        int classes = input.Shape[1];
        T loss = T.Zero;
        for (int n = 0; n < labels.Length; n++)
        {
            loss -= T.Log(input.Data[(n * classes) + labels[n]]);
        }

        return new Tensor<T>([1], [loss / T.CreateChecked(labels.Length)]);
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int classes = input.Shape[1];
        var inputGradient = new Tensor<T>([.. input.Shape]);
        for (int n = 0; n < labels.Length; n++)
        {
            int at = (n * classes) + labels[n];
            inputGradient.Data[at] = -outputGradient.Data[0] / (T.CreateChecked(labels.Length) * input.Data[at]);
        }

        return inputGradient;
    }
}
