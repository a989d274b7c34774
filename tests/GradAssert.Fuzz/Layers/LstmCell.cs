namespace GradAssert.Fuzz.Layers;

/// <summary>
/// One step of an LSTM. A layer takes one input, so the input row is the step's features followed by the previous
/// hidden and cell states, [x | h | c] of width inputs + 2·hidden, and the output row is [h′ | c′]:
/// <code>
/// [i f g o] = [x | h]·W + b        W [inputs + hidden, 4·hidden], b [4·hidden]
/// c′ = σ(f) ⊙ c + σ(i) ⊙ tanh(g)
/// h′ = σ(o) ⊙ tanh(c′)
/// </code>
/// </summary>
internal sealed class LstmCell<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;
    private T[]? _gates, _cell;

    /// <summary>Creates the cell with W drawn from N(0, 1/(inputs + hidden)) and b from N(0, 0.1²).</summary>
    public LstmCell(int inputs, int hidden, int seed)
    {
        Inputs = inputs;
        Hidden = hidden;
        W = new Parameter<T>("W", Init.Normal<T>(seed, 1.0 / Math.Sqrt(inputs + hidden), inputs + hidden, 4 * hidden));
        B = new Parameter<T>("b", Init.Normal<T>(seed + 1, 0.1, 4 * hidden));
    }

    /// <summary>"LstmCell".</summary>
    public string Name => "LstmCell";

    /// <summary>Features per step.</summary>
    public int Inputs { get; }

    /// <summary>Size of the hidden and cell states.</summary>
    public int Hidden { get; }

    /// <summary>The gates' weights, [inputs + hidden, 4·hidden], gates in the order i, f, g, o.</summary>
    public Parameter<T> W { get; }

    /// <summary>The gates' bias, [4·hidden].</summary>
    public Parameter<T> B { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<T>> Parameters => [W, B];

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int batch = input.Shape[0], width = Inputs + (2 * Hidden), h = Hidden, fan = Inputs + Hidden;
        _input = input.Clone();
        _gates = new T[batch * 4 * h];      // the activated gates σ(i), σ(f), tanh(g), σ(o)
        _cell = new T[batch * h];           // c′
        var output = new Tensor<T>(batch, 2 * h);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < 4 * h; j++)
            {
                T z = B.Value.Data[j];
                for (int k = 0; k < fan; k++)
                {
                    z += input.Data[(n * width) + k] * W.Value.Data[(k * 4 * h) + j];
                }

                _gates[(n * 4 * h) + j] = j / h == 2 ? T.Tanh(z) : Sigmoid(z);
            }

            for (int j = 0; j < h; j++)
            {
                T i = _gates[(n * 4 * h) + j], f = _gates[(n * 4 * h) + h + j], g = _gates[(n * 4 * h) + (2 * h) + j], o = _gates[(n * 4 * h) + (3 * h) + j];
                T c = (f * input.Data[(n * width) + fan + j]) + (i * g);
                _cell[(n * h) + j] = c;
                output.Data[(n * 2 * h) + j] = o * T.Tanh(c);
                output.Data[(n * 2 * h) + h + j] = c;
            }
        }

        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int batch = input.Shape[0], width = Inputs + (2 * Hidden), h = Hidden, fan = Inputs + Hidden;
        var inputGradient = new Tensor<T>(batch, width);
        var dz = new T[4 * h];
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < h; j++)
            {
                T i = _gates![(n * 4 * h) + j], f = _gates[(n * 4 * h) + h + j], g = _gates[(n * 4 * h) + (2 * h) + j], o = _gates[(n * 4 * h) + (3 * h) + j];
                T tc = T.Tanh(_cell![(n * h) + j]);
                T dh = outputGradient.Data[(n * 2 * h) + j];
                T dc = outputGradient.Data[(n * 2 * h) + h + j] + (dh * o * (T.One - (tc * tc)));
                T cPrevious = input.Data[(n * width) + fan + j];
                dz[j] = dc * g * i * (T.One - i);
                dz[h + j] = dc * cPrevious * f * (T.One - f);
                dz[(2 * h) + j] = dc * i * (T.One - (g * g));
                dz[(3 * h) + j] = dh * tc * o * (T.One - o);
                inputGradient.Data[(n * width) + fan + j] = dc * f;
            }

            for (int j = 0; j < 4 * h; j++)
            {
                B.Gradient.Data[j] += dz[j];
                for (int k = 0; k < fan; k++)
                {
                    W.Gradient.Data[(k * 4 * h) + j] += input.Data[(n * width) + k] * dz[j];
                    inputGradient.Data[(n * width) + k] += W.Value.Data[(k * 4 * h) + j] * dz[j];
                }
            }
        }

        return inputGradient;
    }

    private static T Sigmoid(T z) => T.One / (T.One + T.Exp(-z));
}
