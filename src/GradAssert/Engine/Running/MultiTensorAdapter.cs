using System.Numerics;
using GradAssert.Engine.Evidence;
using GradAssert.Tensors;

namespace GradAssert.Engine.Running;

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
    private NamedTensors<T>? _upstream;

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
        var own = OwnParameters(_layer, _name);
        _parameters = [.. own, .. _inputs.Where(i => i.Differentiable is not null).Select(i => i.Differentiable!)];
        Constants = _inputs.Where(i => i.Differentiable is null).Select((i, k) => i.Given).ToArray();
        ConstantNames = _inputNames.Where((n, k) => _inputs[k].Differentiable is null).ToArray();
    }

    /// <summary>The placeholder input the engine gives this layer.</summary>
    public static Tensor<T> Input => new(0);

    /// <summary>
    /// A sub-layer call of a composite, to be checked alone on the inputs it received: an input for which the layer's
    /// Backward returns null (a mask, indices) is constant, every other one differentiable. One Forward and one Backward
    /// (of zeros) find out which.
    /// </summary>
    /// <param name="label">The call's label, for messages.</param>
    public static MultiTensorAdapter<T> ForCall(IMultiTensorLayer<T> layer, IReadOnlyList<Tensor<T>> inputs, string label)
    {
        var names = UserCode.Run(() => layer.InputNames, () => $"Layer '{label}' threw from InputNames") ?? [];
        var outputs = UserCode.Run(() => layer.Forward(inputs.Select(i => i.Clone()).ToArray()), () => $"Layer '{label}' threw from Forward, on the inputs it received, to find which are differentiable")
            ?? throw Contract.Broken(label, "Forward returned null; it must return one tensor per output.");
        var zeros = outputs.Select(o => new Tensor<T>(o?.Shape.ToArray() ?? [0])).ToArray();
        var gradients = UserCode.Run(() => layer.Backward(zeros), () => $"Layer '{label}' threw from Backward, on the inputs it received, to find which are differentiable") ?? [];
        var given = new LayerInputs<T>();
        for (int k = 0; k < Math.Min(names.Count, inputs.Count); k++)
        {
            if (k < gradients.Count && gradients[k] is not null)
            {
                given.Add(names[k], inputs[k].Clone());
            }
            else
            {
                given.Constant(names[k], inputs[k].Clone());
            }
        }

        return new MultiTensorAdapter<T>(layer, given);
    }

    /// <summary>A layer's own parameters (not its inputs), read through the usual validation.</summary>
    public static Parameter<T>[] OwnParameters(IMultiTensorLayer<T> layer, string label) => LayerAccess.Parameters(new Own(layer, label), label);

    /// <summary>
    /// The upstream gradient given by output name, laid end to end in the order of the outputs as the engine's one output
    /// is; its shapes are held against the outputs' after the first Forward (<see cref="RequireUpstream"/>).
    /// </summary>
    /// <exception cref="ArgumentException">An output has no upstream gradient, or one is given for a name that is no output.</exception>
    public Tensor<T> Upstream(NamedTensors<T> upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var ordered = upstream.InOrder(_outputNames, $"The upstream gradient given for layer '{_name}' names");
        var missing = _outputNames.Where((n, k) => ordered[k] is null).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException(
                $"The upstream gradient given for layer '{_name}' has no tensor for its output {string.Join(", ", missing.Select(n => $"'{n}'"))}: give one per output ({string.Join(", ", _outputNames)}), zeros for an output the loss does not use.",
                nameof(upstream));
        }

        _upstream = upstream;
        var flat = new Tensor<T>(ordered.Sum(o => o!.Length));
        int offset = 0;
        foreach (var tensor in ordered)
        {
            tensor!.Data.CopyTo(flat.Data, offset);
            offset += tensor.Length;
        }

        return flat;
    }

    /// <summary>Throws unless each output's upstream gradient, when given by name, has the shape of that output.</summary>
    /// <exception cref="ArgumentException">A shape differs; the message names the output.</exception>
    public void RequireUpstream()
    {
        if (_upstream is null || _outputShapes is null)
        {
            return;
        }

        for (int k = 0; k < _outputNames.Length; k++)
        {
            var given = _upstream[_outputNames[k]];
            if (!ShapeMath.SameShape(given.Shape, _outputShapes[k]))
            {
                throw new ArgumentException(
                    $"The upstream gradient given for output '{_outputNames[k]}' of layer '{_name}' has shape {ShapeMath.Format(given.Shape)}, but Forward returned '{_outputNames[k]}' of shape {ShapeMath.Format(_outputShapes[k])}: dL/d{_outputNames[k]} must have its output's shape.",
                    "upstream");
            }
        }
    }

    /// <summary>
    /// What the exact reference needs to run the user's layer itself: the layer, its inputs as the check holds them (the
    /// differentiable ones are the parameters' values), the position of each differentiable input's parameter in
    /// <see cref="Parameters"/> (−1 for a constant), and the shapes of the latest Forward's outputs.
    /// </summary>
    internal (IMultiTensorLayer<T> Layer, Tensor<T>[] Inputs, int[] InputParameters, int[][]? OutputShapes) ExactView() =>
        (_layer,
         [.. _inputs.Select(i => i.Differentiable?.Value ?? i.Given)],
         [.. _inputs.Select(i => i.Differentiable is { } p ? Array.IndexOf(_parameters, p) : -1)],
         _outputShapes);

    public string Name => _name;

    object? IInputless.Inner => _layer;

    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>The constant inputs, for the report: their names and shapes.</summary>
    public IReadOnlyList<string> ConstantNames { get; }

    /// <summary>The constant inputs' values.</summary>
    public IReadOnlyList<Tensor<T>> Constants { get; }

    /// <summary>The outputs' names and shapes, once Forward has run.</summary>
    public IEnumerable<string> Outputs => _outputNames.Select((n, k) => _outputShapes is null ? n : $"{n} {ShapeMath.Format(_outputShapes[k])}");

    public Tensor<T> Forward(Tensor<T> input)
    {
        var outputs = _layer.Forward(_inputs.Select(i => i.Differentiable?.Value ?? i.Given).ToArray())
            ?? throw Contract.Broken(_name, "Forward returned null; it must return one tensor per output.");
        if (outputs.Count != _outputNames.Length)
        {
            throw Contract.Broken(_name, $"Forward returned {outputs.Count} tensors, but the layer names {_outputNames.Length} outputs ({string.Join(", ", _outputNames)}).");
        }

        if (_outputNames.Where((n, k) => outputs[k] is null).ToArray() is { Length: > 0 } absent)
        {
            throw Contract.Broken(_name, $"Forward returned no tensor for the output {string.Join(", ", absent.Select(n => $"'{n}'"))}; it must return one tensor per output ({string.Join(", ", _outputNames)}).");
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
