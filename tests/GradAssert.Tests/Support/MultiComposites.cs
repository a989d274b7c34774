using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Support;

/// <summary>
/// out = Dense₁(a) + Dense₂(b): a composite with two inputs whose sub-layers take one input each, called with
/// <c>.Call</c> as users write it.
/// </summary>
internal sealed class TwoTowers(int seed, double secondWeightGradientScale = 1) : IMultiTensorLayer<double>
{
    private readonly Dense<double> _left = new(3, 2, seed);
    private readonly Dense<double> _right = new(4, 2, seed + 1) { WeightGradientScale = secondWeightGradientScale };

    public IReadOnlyList<Parameter<double>> Parameters => [.. _left.Parameters, .. _right.Parameters];

    public IReadOnlyList<string> InputNames => ["a", "b"];

    public IReadOnlyList<string> OutputNames => ["out"];

    public IReadOnlyList<Tensor<double>> Forward(IReadOnlyList<Tensor<double>> inputs)
    {
        var (left, right) = (_left.Call(inputs[0]), _right.Call(inputs[1]));
        return [new Tensor<double>(left.Shape.ToArray(), left.Data.Zip(right.Data, (l, r) => l + r).ToArray())];
    }

    public IReadOnlyList<Tensor<double>?> Backward(IReadOnlyList<Tensor<double>> outputGradients) =>
        [_left.Backward(outputGradients[0]), _right.Backward(outputGradients[0])];
}

/// <summary>
/// A one-input layer over a sequence [steps, batch, inputs] that runs a recurrent cell, a sub-layer with two inputs,
/// from a zero state: <c>h = _cell.Call(x_t, h)[0]</c>, positionally; the last state is its output.
/// </summary>
internal sealed class SequenceEncoder(Zoo.RnnCell<double> cell) : ILayer<double>
{
    private readonly List<(Tensor<double> X, Tensor<double> H)> _steps = [];

    public IReadOnlyList<Parameter<double>> Parameters => cell.Parameters;

    public Tensor<double> Forward(Tensor<double> input)
    {
        _steps.Clear();
        var (batch, features) = (input.Shape[1], input.Shape[2]);
        var h = new Tensor<double>(batch, cell.Hidden);
        for (int t = 0; t < input.Shape[0]; t++)
        {
            var x = new Tensor<double>([batch, features], input.Data.AsSpan(t * batch * features, batch * features).ToArray());
            _steps.Add((x, h));
            h = cell.Call(x, h)[0];
        }

        return h;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var (batch, features) = (_steps[0].X.Shape[0], _steps[0].X.Shape[1]);
        var dx = new Tensor<double>(_steps.Count, batch, features);
        var dh = outputGradient;
        for (int t = _steps.Count - 1; t >= 0; t--)
        {
            ((IMultiTensorLayer<double>)cell).Forward([_steps[t].X, _steps[t].H]);
            var back = ((IMultiTensorLayer<double>)cell).Backward([dh]);
            back[0]!.Data.CopyTo(dx.Data, t * batch * features);
            dh = back[1]!;
        }

        return dx;
    }
}
