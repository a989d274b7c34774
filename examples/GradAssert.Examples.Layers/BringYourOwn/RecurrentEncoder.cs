using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// A composite with several inputs: a recurrent network unrolled over the steps of <c>x</c> [steps, batch, inputs] from
/// the initial state <c>h0</c> [batch, hidden], then a dense read-out of the last state, <c>y</c> [batch, outputs]. It
/// calls its cell, a sub-layer with two inputs, with <c>.Call(…)</c> at each step and its read-out the same way, so a
/// check checks each call alone on the inputs it received (<c>RnnCell#2</c>: <c>x</c>, <c>h</c>, <c>Wx</c>, <c>Wh</c>,
/// <c>b</c>) and blames the one that is wrong, or the encoder's own code between them. Backward runs through time,
/// running the cell's Forward again on each step's inputs before its Backward.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class RecurrentEncoder<T> : INamedTensorLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RnnCell<T> _cell;
    private readonly Dense<T> _readout;
    private readonly List<Tensor<T>> _steps = [];
    private readonly List<Tensor<T>> _states = [];

    /// <summary>An encoder with seeded weights.</summary>
    /// <param name="inputs">Features per step.</param>
    /// <param name="hidden">The size of the hidden state.</param>
    /// <param name="outputs">The size of the read-out.</param>
    /// <param name="seed">Seeds the weights.</param>
    /// <param name="cell">The cell, a seeded <see cref="RnnCell{T}"/> unless given.</param>
    public RecurrentEncoder(int inputs, int hidden, int outputs, int seed, RnnCell<T>? cell = null)
    {
        _cell = cell ?? new RnnCell<T>(inputs, hidden, seed);
        _readout = new Dense<T>(hidden, outputs, seed + 3);
    }

    /// <summary>Broken on purpose when true: Backward passes no gradient back through time, only into the last step.</summary>
    public bool TruncatesBackwardThroughTime { get; init; }

    /// <inheritdoc />
    public string Name => "Encoder";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [.. _cell.Parameters, .. _readout.Parameters];

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames => ["x", "h0"];

    /// <inheritdoc />
    public IReadOnlyList<string> OutputNames => ["y"];

    /// <inheritdoc />
    public NamedTensors<T> Forward(NamedTensors<T> inputs)
    {
        var (x, h) = (inputs["x"], inputs["h0"]);
        _steps.Clear();
        _states.Clear();
        for (int t = 0; t < x.Shape[0]; t++)
        {
            var step = Step(x, t);
            _steps.Add(step);
            _states.Add(h);
            h = _cell.Call(new NamedTensors<T> { ["x"] = step, ["h"] = h })["h"];
        }

        return new NamedTensors<T> { ["y"] = _readout.Call(h) };
    }

    /// <inheritdoc />
    public NamedTensors<T> Backward(NamedTensors<T> outputGradients)
    {
        var dh = _readout.Backward(outputGradients["y"])!;
        int steps = _steps.Count, batch = dh.Shape[0], features = _steps[0].Shape[1];
        var dx = new Tensor<T>(steps, batch, features);
        for (int t = steps - 1; t >= 0; t--)
        {
            _cell.Forward(new NamedTensors<T> { ["x"] = _steps[t], ["h"] = _states[t] });
            var back = _cell.Backward(new NamedTensors<T> { ["h"] = dh });
            back["x"].Data.CopyTo(dx.Data, t * batch * features);
            dh = TruncatesBackwardThroughTime ? new Tensor<T>(dh.Shape.ToArray()) : back["h"];
        }

        return new NamedTensors<T> { ["x"] = dx, ["h0"] = dh };
    }

    private static Tensor<T> Step(Tensor<T> x, int t)
    {
        int batch = x.Shape[1], features = x.Shape[2];
        var step = new Tensor<T>(batch, features);
        Array.Copy(x.Data, t * batch * features, step.Data, 0, batch * features);
        return step;
    }
}
