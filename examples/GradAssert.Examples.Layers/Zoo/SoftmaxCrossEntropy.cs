using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// The mean cross-entropy of softmax(logits) against fixed integer labels: L = −(1/N)·Σₙ log softmax(xₙ)[labelₙ].
/// Takes logits of shape [batch, classes] and returns the scalar loss with shape [1].
/// Backward: dxₙ = dL·(softmax(xₙ) − onehot(labelₙ)) / N.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class SoftmaxCrossEntropy<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _labels;
    private Tensor<T>? _probabilities;

    /// <summary>Creates the loss for fixed labels, one per row of the logits.</summary>
    /// <param name="labels">The class of each example, each in [0, classes).</param>
    public SoftmaxCrossEntropy(int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = (int[])labels.Clone();
    }

    /// <summary>The name the report shows; "SoftmaxCrossEntropy" unless set.</summary>
    public string Name { get; init; } = "SoftmaxCrossEntropy";

    /// <summary>The class of each example.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>None.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int batch = input.Shape[0], classes = input.Shape[1];
        if (batch != _labels.Length)
        {
            throw new ArgumentException($"The logits have {batch} rows but there are {_labels.Length} labels.", nameof(input));
        }

        var probabilities = new Tensor<T>(batch, classes);
        T loss = T.Zero;
        for (int n = 0; n < batch; n++)
        {
            var x = input.Data.AsSpan(n * classes, classes);
            T max = T.NegativeInfinity;
            foreach (var v in x)
            {
                max = T.Max(max, v);
            }

            T sum = T.Zero;
            for (int k = 0; k < classes; k++)
            {
                sum += T.Exp(x[k] - max);
            }

            T logSum = max + T.Log(sum);       // log Σ e^x, computed without overflow
            loss += logSum - x[_labels[n]];    // −log softmax(x)[label]
            for (int k = 0; k < classes; k++)
            {
                probabilities.Data[(n * classes) + k] = T.Exp(x[k] - logSum);
            }
        }

        _probabilities = probabilities;
        return new Tensor<T>([1], [loss / T.CreateChecked(batch)]);
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var p = _probabilities ?? throw new InvalidOperationException("Backward before Forward.");
        int batch = p.Shape[0], classes = p.Shape[1];
        T scale = outputGradient.Data[0] / T.CreateChecked(batch);
        var inputGradient = new Tensor<T>(batch, classes);
        for (int n = 0; n < batch; n++)
        {
            for (int k = 0; k < classes; k++)
            {
                T target = k == _labels[n] ? T.One : T.Zero;
                inputGradient.Data[(n * classes) + k] = scale * (p.Data[(n * classes) + k] - target);
            }
        }

        return inputGradient;
    }
}
