using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Engine.Running;
using GradAssert.Tensors;

namespace GradAssert.Checking;

/// <summary>
/// Presents an <see cref="IMultiTensorLayer{T}"/> and its named inputs as one layer the engine checks: each input that
/// is not constant becomes a parameter of its own name (a private copy the engine perturbs), constants are handed to the
/// layer as they are, and the outputs are laid end to end in one output. So every input and parameter gets its row, by
/// name, with the same probes, error model and trust rules as any layer.
/// </summary>
internal sealed class MultiTensorAdapter<T> : ILayer<T>, IInputless where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IMultiTensorLayer<T> _layer;
    private readonly string _name;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly (Parameter<T>? Differentiable, Tensor<T> Given, T[]? ConstantBits)[] _inputs;
    private readonly Parameter<T>[] _parameters;
    private int[][]? _outputShapes;

    public MultiTensorAdapter(IMultiTensorLayer<T> layer, LayerInputs<T> inputs)
    {
        _layer = layer ?? throw new ArgumentNullException(nameof(layer));
        ArgumentNullException.ThrowIfNull(inputs);
        _name = UserCode.Run(() => layer.Name, () => $"Layer of type {LayerNames.Default(layer.GetType())} threw from Name")
            ?? throw new LayerContractException($"A layer of type {LayerNames.Default(layer.GetType())} breaks the layer contract. Its Name is null.");
        _inputNames = Names(UserCode.Run(() => layer.InputNames, () => $"Layer '{_name}' threw from InputNames"), "InputNames");
        _outputNames = Names(UserCode.Run(() => layer.OutputNames, () => $"Layer '{_name}' threw from OutputNames"), "OutputNames");
        var given = inputs.ToArray();
        var unknown = given.Where(i => Array.IndexOf(_inputNames, i.Name) < 0).Select(i => i.Name).ToArray();
        var missing = _inputNames.Where(n => inputs.Find(n) is null).ToArray();
        if (unknown.Length > 0 || missing.Length > 0)
        {
            throw new ArgumentException(
                $"Layer '{_name}' takes the inputs {string.Join(", ", _inputNames.Select(n => $"'{n}'"))}" +
                (missing.Length > 0 ? $"; missing: {string.Join(", ", missing.Select(n => $"'{n}'"))}" : string.Empty) +
                (unknown.Length > 0 ? $"; not an input of the layer: {string.Join(", ", unknown.Select(n => $"'{n}'"))}" : string.Empty) + ".",
                nameof(inputs));
        }

        _inputs = _inputNames.Select(n => inputs.Find(n)!).Select(i => i.Constant
            ? ((Parameter<T>?)null, i.Value.Clone(), (T[]?)(T[])i.Value.Data.Clone())
            : (new Parameter<T>(i.Name, i.Value.Clone()) { IsInput = true }, i.Value, null)).ToArray();
        var own = LayerAccess.Parameters(new Own(_layer, _name), _name);
        var clash = own.Select(p => p.Name).Intersect(_inputNames).ToArray();
        if (clash.Length > 0)
        {
            throw new ArgumentException(
                $"Layer '{_name}' has a parameter and an input both named '{clash[0]}': the report could not tell their rows apart. Rename one.",
                nameof(inputs));
        }

        _parameters = [.. own, .. _inputs.Where(i => i.Differentiable is not null).Select(i => i.Differentiable!)];
        Constants = _inputs.Where(i => i.Differentiable is null).Select((i, k) => i.Given).ToArray();
        ConstantNames = _inputNames.Where((n, k) => _inputs[k].Differentiable is null).ToArray();
    }

    /// <summary>The placeholder input the engine gives this layer.</summary>
    public static Tensor<T> Input => new(0);

    public string Name => _name;

    object? IInputless.Inner => _layer;

    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>The constant inputs, for the report: their names and shapes.</summary>
    public IReadOnlyList<string> ConstantNames { get; }

    /// <summary>The constant inputs' values.</summary>
    public IReadOnlyList<Tensor<T>> Constants { get; }

    /// <summary>The outputs' names and shapes, once Forward has run.</summary>
    public IEnumerable<string> Outputs => _outputNames.Select((n, k) => _outputShapes is null ? n : $"{n} {ShapeMath.Format(_outputShapes[k])}");

    /// <summary>The batch: the first dimension of the first differentiable input, or null.</summary>
    public int? Batch => _inputs.FirstOrDefault(i => i.Differentiable is not null).Differentiable?.Value.Shape is { Count: > 0 } shape ? shape[0] : null;

    public Tensor<T> Forward(Tensor<T> input)
    {
        var outputs = _layer.Forward(_inputs.Select(i => i.Differentiable?.Value ?? i.Given).ToArray())
            ?? throw Contract.Broken(_name, "Forward returned null; it must return one tensor per output.");
        if (outputs.Count != _outputNames.Length || outputs.Any(o => o is null))
        {
            throw Contract.Broken(_name, $"Forward returned {outputs.Count} tensors{(outputs.Any(o => o is null) ? " (some null)" : string.Empty)}, but the layer names {_outputNames.Length} outputs ({string.Join(", ", _outputNames)}).");
        }

        for (int k = 0; k < _inputs.Length; k++)
        {
            if (_inputs[k].ConstantBits is { } bits && Values.FirstDifference(bits, _inputs[k].Given.Data) is int i and >= 0)
            {
                throw Contract.Broken(_name, $"Forward changed its constant input '{_inputNames[k]}' at {_inputNames[k]}{ShapeMath.Format(ShapeMath.Unravel(_inputs[k].Given.Shape, i))}; Forward must leave its inputs as it found them.");
            }
        }

        var shapes = outputs.Select(o => o.Shape.ToArray()).ToArray();
        if (_outputShapes is not null && !_outputShapes.Zip(shapes).All(pair => ShapeMath.SameShape(pair.First, pair.Second)))
        {
            throw Contract.Broken(_name, $"Forward returned outputs of shapes {string.Join(", ", shapes.Select(ShapeMath.Format))}, and {string.Join(", ", _outputShapes.Select(ShapeMath.Format))} on an earlier call with inputs of the same shapes.");
        }

        _outputShapes = shapes;
        var flat = new Tensor<T>(outputs.Sum(o => o.Length));
        int offset = 0;
        foreach (var output in outputs)
        {
            output.Data.CopyTo(flat.Data, offset);
            offset += output.Length;
        }

        return flat;
    }

    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var shapes = _outputShapes ?? throw new InvalidOperationException("Backward before Forward.");
        var perOutput = new Tensor<T>[shapes.Length];
        int offset = 0;
        for (int k = 0; k < shapes.Length; k++)
        {
            perOutput[k] = new Tensor<T>(shapes[k]);
            Array.Copy(outputGradient.Data, offset, perOutput[k].Data, 0, perOutput[k].Length);
            offset += perOutput[k].Length;
        }

        var gradients = _layer.Backward(perOutput)
            ?? throw Contract.Broken(_name, "Backward returned null; it must return one entry per input (null for an input that is not differentiable).");
        if (gradients.Count != _inputs.Length)
        {
            throw Contract.Broken(_name, $"Backward returned {gradients.Count} input gradients, but the layer takes {_inputs.Length} inputs ({string.Join(", ", _inputNames)}).");
        }

        for (int k = 0; k < _inputs.Length; k++)
        {
            if (_inputs[k].Differentiable is not { } input)
            {
                continue;
            }

            var gradient = gradients[k] ?? throw Contract.Broken(_name,
                $"Backward returned null for input '{_inputNames[k]}', which is not declared constant: return dL/d{_inputNames[k]}, or give it with LayerInputs.Constant(\"{_inputNames[k]}\", …) if it is not differentiable (a target, a mask, indices).");
            if (!ShapeMath.SameShape(gradient.Shape, input.Value.Shape))
            {
                throw Contract.Broken(_name, $"Backward returned a gradient of shape {ShapeMath.Format(gradient.Shape)} for input '{_inputNames[k]}' of shape {ShapeMath.Format(input.Value.Shape)}.");
            }

            gradient.Data.CopyTo(input.Gradient.Data, 0);
        }

        return null;
    }

    private string[] Names(IReadOnlyList<string>? names, string what)
    {
        if (names is null || names.Count == 0 || names.Any(string.IsNullOrWhiteSpace))
        {
            throw Contract.Broken(_name, $"{what} must list at least one name, none of them blank.");
        }

        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        return dup is null ? names.ToArray() : throw Contract.Broken(_name, $"{what} lists '{dup.Key}' twice.");
    }

    /// <summary>The multi-tensor layer's own parameters, read through the usual validation.</summary>
    private sealed class Own(IMultiTensorLayer<T> layer, string name) : ILayer<T>
    {
        public string Name => name;

        public IReadOnlyList<Parameter<T>> Parameters => layer.Parameters;

        public Tensor<T> Forward(Tensor<T> input) => throw new NotSupportedException();

        public Tensor<T>? Backward(Tensor<T> outputGradient) => throw new NotSupportedException();
    }
}
