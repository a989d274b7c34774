using System.Numerics;
using GradAssert.Tensors;

namespace GradAssert;

/// <summary>
/// Layers applied in order. The checker checks it end to end and each layer on the activation it really
/// received, so a wrong backward pass is blamed on the layer that owns it.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Sequential<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T>[] _layers;

    /// <summary>Composes <paramref name="layers"/>, first applied first; the model is named "Sequential".</summary>
    /// <param name="layers">At least one layer.</param>
    public Sequential(params ILayer<T>[] layers)
        : this("Sequential", layers)
    {
    }

    /// <summary>Composes <paramref name="layers"/> under a name the report shows.</summary>
    /// <param name="name">The model's name.</param>
    /// <param name="layers">At least one layer.</param>
    /// <exception cref="ArgumentException">No layers, a null layer, or a layer that appears twice.</exception>
    public Sequential(string name, params ILayer<T>[] layers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException($"Sequential '{name}' needs at least one layer.", nameof(layers));
        }

        for (int i = 0; i < layers.Length; i++)
        {
            if (layers[i] is null)
            {
                throw new ArgumentException($"Sequential '{name}': layer {i} is null.", nameof(layers));
            }

            for (int j = 0; j < i; j++)
            {
                if (ReferenceEquals(layers[i], layers[j]))
                {
                    throw new ArgumentException(
                        $"Sequential '{name}': layers {j} and {i} are the same object; its cached forward state would be overwritten. Use two instances.",
                        nameof(layers));
                }
            }
        }

        Name = name;
        _layers = (ILayer<T>[])layers.Clone();
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>The layers, first applied first.</summary>
    public IReadOnlyList<ILayer<T>> Layers => _layers;

    /// <summary>Every layer's parameters, in layer order, as the layers list them now.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _layers.SelectMany(l => l.Parameters).ToArray();

    /// <summary>Runs each layer on the previous one's output.</summary>
    /// <param name="input">The model's input.</param>
    public Tensor<T> Forward(Tensor<T> input)
    {
        var activation = input;
        foreach (var layer in _layers)
        {
            activation = layer.Forward(activation);
        }

        return activation;
    }

    /// <summary>Runs each layer's backward pass in reverse order.</summary>
    /// <param name="outputGradient">dL/d(model output).</param>
    /// <returns>dL/d(model input), or null when some layer's input is not differentiable.</returns>
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        Tensor<T>? gradient = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            if (gradient is null)
            {
                throw new LayerContractException(
                    $"Layer '{_layers[i + 1].Name}' returned no input gradient (null), but layer '{_layers[i].Name}' comes before it and needs one. Only the first layer of a Sequential may take a non-differentiable input.");
            }

            gradient = _layers[i].Backward(gradient);
        }

        return gradient;
    }
}
