using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// One step of a plain recurrent network, written with names: h′ = tanh(x·Wx + h·Wh + b), from the step's input
/// <c>x</c> [batch, inputs] and the previous hidden state <c>h</c> [batch, hidden]. Forward reads <c>inputs["x"]</c> and
/// <c>inputs["h"]</c>; Backward returns dL/dx and dL/dh by the same names.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class RnnCell<T> : INamedTensorLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T> _x = new(0), _h = new(0), _next = new(0);

    /// <summary>A cell with seeded weights.</summary>
    /// <param name="inputs">Features per step.</param>
    /// <param name="hidden">The size of the hidden state.</param>
    /// <param name="seed">Seeds the weights.</param>
    public RnnCell(int inputs, int hidden, int seed)
    {
        (Inputs, Hidden) = (inputs, hidden);
        Wx = new Parameter<T>("Wx", Init.Normal<T>(seed, 1 / Math.Sqrt(inputs), inputs, hidden));
        Wh = new Parameter<T>("Wh", Init.Normal<T>(seed + 1, 1 / Math.Sqrt(hidden), hidden, hidden));
        B = new Parameter<T>("b", Init.Normal<T>(seed + 2, 0.1, hidden));
    }

    /// <summary>Features per step.</summary>
    public int Inputs { get; }

    /// <summary>The size of the hidden state.</summary>
    public int Hidden { get; }

    /// <summary>The input weights, [inputs, hidden].</summary>
    public Parameter<T> Wx { get; }

    /// <summary>The recurrent weights, [hidden, hidden].</summary>
    public Parameter<T> Wh { get; }

    /// <summary>The bias, [hidden].</summary>
    public Parameter<T> B { get; }

    /// <summary>Broken on purpose when not 1: multiplies dL/dWh by this.</summary>
    public double RecurrentGradientScale { get; init; } = 1;

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [Wx, Wh, B];

    /// <inheritdoc />
    public IReadOnlyList<string> InputNames => ["x", "h"];

    /// <inheritdoc />
    public IReadOnlyList<string> OutputNames => ["h"];

    /// <inheritdoc />
    public NamedTensors<T> Forward(NamedTensors<T> inputs)
    {
        (_x, _h) = (inputs["x"].Clone(), inputs["h"].Clone());
        int batch = _x.Shape[0];
        _next = new Tensor<T>(batch, Hidden);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                T sum = B.Value[j];
                for (int i = 0; i < Inputs; i++)
                {
                    sum += _x[n, i] * Wx.Value[i, j];
                }

                for (int k = 0; k < Hidden; k++)
                {
                    sum += _h[n, k] * Wh.Value[k, j];
                }

                _next[n, j] = T.Tanh(sum);
            }
        }

        return new NamedTensors<T> { ["h"] = _next.Clone() };
    }

    /// <inheritdoc />
    public NamedTensors<T> Backward(NamedTensors<T> outputGradients)
    {
        var dNext = outputGradients["h"];
        int batch = _x.Shape[0];
        var (dx, dh) = (new Tensor<T>(batch, Inputs), new Tensor<T>(batch, Hidden));
        T scale = T.CreateTruncating(RecurrentGradientScale);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                T dSum = dNext[n, j] * (T.One - (_next[n, j] * _next[n, j]));
                B.Gradient[j] += dSum;
                for (int i = 0; i < Inputs; i++)
                {
                    Wx.Gradient[i, j] += _x[n, i] * dSum;
                    dx[n, i] += Wx.Value[i, j] * dSum;
                }

                for (int k = 0; k < Hidden; k++)
                {
                    Wh.Gradient[k, j] += _h[n, k] * dSum * scale;
                    dh[n, k] += Wh.Value[k, j] * dSum;
                }
            }
        }

        return new NamedTensors<T> { ["x"] = dx, ["h"] = dh };
    }
}
