using System.Numerics;

namespace GradAssert.Exact;

/// <summary>
/// A layer of either form (<see cref="ILayer{T}"/>, one tensor in and out, or <see cref="IMultiTensorLayer{T}"/>) seen as
/// lists of tensors, with the names of its inputs and outputs (<c>x</c> and <c>y</c> for a single tensor). Parameters
/// over their own storage are synchronised around each call as the engine does: the mirrors are written to the storage
/// before a call (unless the storage is the truth, as it is in the user's own layer), and the gradient read back after
/// Backward.
/// </summary>
/// <typeparam name="TNumber">The layer's number type: T, or a dual number of it.</typeparam>
internal sealed class LayerForm<TNumber> where TNumber : unmanaged, IFloatingPointIeee754<TNumber>
{
    private readonly ILayer<TNumber>? _single;
    private readonly IMultiTensorLayer<TNumber>? _multi;
    private readonly bool _writesValues;

    /// <summary>Sees <paramref name="layer"/> as lists of tensors.</summary>
    /// <param name="layer">An <see cref="ILayer{T}"/> or <see cref="IMultiTensorLayer{T}"/> of <typeparamref name="TNumber"/>.</param>
    /// <param name="writesValues">Whether Forward writes the parameters' mirrors to their storage first.</param>
    public LayerForm(object layer, bool writesValues)
    {
        Layer = layer;
        _writesValues = writesValues;
        _single = layer as ILayer<TNumber>;
        _multi = _single is null ? layer as IMultiTensorLayer<TNumber> ?? throw new ArgumentException($"{layer.GetType().Name} is not a layer of {typeof(TNumber).Name}.", nameof(layer)) : null;
    }

    /// <summary>The layer.</summary>
    public object Layer { get; }

    /// <summary>The name the report uses.</summary>
    public string Name => LayerFields.NameOf<TNumber>(Layer);

    /// <summary>The inputs' names: <c>x</c> for a single tensor.</summary>
    public IReadOnlyList<string> InputNames => _single is null ? _multi!.InputNames : ["x"];

    /// <summary>The outputs' names: <c>y</c> for a single tensor.</summary>
    public IReadOnlyList<string> OutputNames => _single is null ? _multi!.OutputNames : ["y"];

    /// <summary>The parameters, as the layer lists them now.</summary>
    public IReadOnlyList<Parameter<TNumber>> Parameters => _single?.Parameters ?? _multi!.Parameters;

    /// <summary>Writes the parameters' values to their storage (when asked to) and runs Forward.</summary>
    public IReadOnlyList<Tensor<TNumber>> Forward(IReadOnlyList<Tensor<TNumber>> inputs)
    {
        foreach (var parameter in _writesValues ? Parameters : [])
        {
            parameter.Storage?.WriteValues(parameter.Value.Data);
        }

        return _single is null ? _multi!.Forward(inputs) : [_single.Forward(inputs[0])];
    }

    /// <summary>Zeroes the parameters' gradients (and their storage's), runs Backward and reads the gradients back.</summary>
    public IReadOnlyList<Tensor<TNumber>?> Backward(IReadOnlyList<Tensor<TNumber>> outputGradients)
    {
        var parameters = Parameters;
        foreach (var parameter in parameters)
        {
            Array.Clear(parameter.Gradient.Data);
            parameter.Storage?.WriteGradient(parameter.Gradient.Data);
        }

        var gradients = _single is null ? _multi!.Backward(outputGradients) : [_single.Backward(outputGradients[0])];
        foreach (var parameter in parameters)
        {
            parameter.Storage?.ReadGradient(parameter.Gradient.Data);
        }

        return gradients;
    }
}
