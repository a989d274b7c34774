using GradAssert;
using GradAssert.Examples.Layers;

namespace GradAssert.Demo;

/// <summary>[batch, c, h, w] → [batch, c·h·w]: a reshape, its gradient the reverse reshape.</summary>
internal sealed class Flatten : ILayer<float>
{
    private int[] _shape = [];

    public IReadOnlyList<Parameter<float>> Parameters => [];

    public Tensor<float> Forward(Tensor<float> input)
    {
        _shape = [.. input.Shape];
        return new Tensor<float>([input.Shape[0], input.Length / input.Shape[0]], (float[])input.Data.Clone());
    }

    public Tensor<float>? Backward(Tensor<float> outputGradient) => new(_shape, (float[])outputGradient.Data.Clone());
}

/// <summary>A dense layer with a planted bug: its bias gradient sums only the first half of the batch.</summary>
internal sealed class HalfBatchBiasDense(int inputs, int outputs, int seed) : ILayer<float>
{
    private readonly Dense<float> _dense = new(inputs, outputs, seed);

    public IReadOnlyList<Parameter<float>> Parameters => _dense.Parameters;

    public Tensor<float> Forward(Tensor<float> input) => _dense.Forward(input);

    public Tensor<float>? Backward(Tensor<float> outputGradient)
    {
        var dx = _dense.Backward(outputGradient);
        var bias = Parameters[1].Gradient.Data;
        int batch = outputGradient.Shape[0], outputs = outputGradient.Shape[1];
        for (int n = batch / 2; n < batch; n++)
        {
            for (int o = 0; o < outputs; o++)
            {
                bias[o] -= outputGradient.Data[(n * outputs) + o];
            }
        }

        return dx;
    }
}
