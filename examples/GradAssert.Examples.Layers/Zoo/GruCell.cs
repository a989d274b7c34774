using System.Numerics;

namespace GradAssert.Examples.Layers;

/// <summary>
/// One step of a gated recurrent unit. A layer takes one input, so the input is the previous hidden state appended to
/// the step's features: [batch, inputs + hidden] = [x | h]. The output is the new hidden state [batch, hidden]:
/// <code>
/// z = σ(x·Wz + h·Uz + bz)          update gate
/// r = σ(x·Wr + h·Ur + br)          reset gate
/// n = tanh(x·Wn + bn + r ⊙ (h·Un)) candidate
/// h' = (1 − z) ⊙ n + z ⊙ h
/// </code>
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class GruCell<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private Tensor<T>? _input;
    private T[]? _z, _r, _n, _hu;

    /// <summary>Creates the cell with weights drawn from N(0, 1/fan-in) and biases from N(0, 0.1²).</summary>
    /// <param name="inputs">Features per step.</param>
    /// <param name="hidden">Size of the hidden state.</param>
    /// <param name="seed">Seeds the weights.</param>
    public GruCell(int inputs, int hidden, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        Inputs = inputs;
        Hidden = hidden;
        double wx = 1.0 / Math.Sqrt(inputs), wh = 1.0 / Math.Sqrt(hidden);
        _parameters =
        [
            new("Wz", Init.Normal<T>(seed, wx, inputs, hidden)), new("Uz", Init.Normal<T>(seed + 1, wh, hidden, hidden)), new("bz", Init.Normal<T>(seed + 2, 0.1, hidden)),
            new("Wr", Init.Normal<T>(seed + 3, wx, inputs, hidden)), new("Ur", Init.Normal<T>(seed + 4, wh, hidden, hidden)), new("br", Init.Normal<T>(seed + 5, 0.1, hidden)),
            new("Wn", Init.Normal<T>(seed + 6, wx, inputs, hidden)), new("Un", Init.Normal<T>(seed + 7, wh, hidden, hidden)), new("bn", Init.Normal<T>(seed + 8, 0.1, hidden)),
        ];
    }

    /// <summary>The name the report shows; "GruCell" unless set.</summary>
    public string Name { get; init; } = "GruCell";

    /// <summary>Features per step.</summary>
    public int Inputs { get; }

    /// <summary>Size of the hidden state.</summary>
    public int Hidden { get; }

    /// <summary>Wz, Uz, bz, Wr, Ur, br, Wn, Un, bn: W of shape [inputs, hidden], U [hidden, hidden], b [hidden].</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <inheritdoc />
    public Tensor<T> Forward(Tensor<T> input)
    {
        int batch = input.Shape[0], h = Hidden;
        _input = input.Clone();
        _z = Gate(input, 0, Sigmoid);
        _r = Gate(input, 3, Sigmoid);
        _hu = new T[batch * h];                       // h·Un, kept apart: the reset gate scales it
        var n = new T[batch * h];
        var output = new Tensor<T>(batch, h);
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < h; j++)
            {
                int at = (b * h) + j;
                _hu[at] = Dot(input, b, Inputs, h, _parameters[7].Value.Data, j);
                T pre = Dot(input, b, 0, Inputs, _parameters[6].Value.Data, j) + _parameters[8].Value.Data[j] + (_r[at] * _hu[at]);
                n[at] = T.Tanh(pre);
                T previous = input.Data[(b * (Inputs + h)) + Inputs + j];
                output.Data[at] = ((T.One - _z[at]) * n[at]) + (_z[at] * previous);
            }
        }

        _n = n;
        return output;
    }

    /// <inheritdoc />
    public Tensor<T>? Backward(Tensor<T> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int batch = input.Shape[0], h = Hidden, width = Inputs + h;
        var inputGradient = new Tensor<T>(batch, width);
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < h; j++)
            {
                int at = (b * h) + j;
                T dy = outputGradient.Data[at];
                T previous = input.Data[(b * width) + Inputs + j];
                T z = _z![at], r = _r![at], n = _n![at];

                inputGradient.Data[(b * width) + Inputs + j] += dy * z;                  // h' = … + z ⊙ h
                T dPreN = dy * (T.One - z) * (T.One - (n * n));                           // through tanh
                T dPreZ = dy * (previous - n) * z * (T.One - z);                         // through σ of z
                T dPreR = dPreN * _hu![at] * r * (T.One - r);                            // through r ⊙ (h·Un), then σ

                Accumulate(input, inputGradient, b, j, dPreZ, 0, 1, 2, T.One);
                Accumulate(input, inputGradient, b, j, dPreR, 3, 4, 5, T.One);
                Accumulate(input, inputGradient, b, j, dPreN, 6, 7, 8, r);              // h·Un is scaled by r
            }
        }

        return inputGradient;
    }

    /// <summary>
    /// For a pre-activation a = x·W + scale·(h·U) + bias with gradient <paramref name="dPre"/> at (row b, unit j): adds
    /// to dW, dU, db and to d[x | h].
    /// </summary>
    private void Accumulate(Tensor<T> input, Tensor<T> inputGradient, int b, int j, T dPre, int w, int u, int bias, T scale)
    {
        int h = Hidden, width = Inputs + h;
        _parameters[bias].Gradient.Data[j] += dPre;
        for (int i = 0; i < Inputs; i++)
        {
            _parameters[w].Gradient.Data[(i * h) + j] += input.Data[(b * width) + i] * dPre;
            inputGradient.Data[(b * width) + i] += _parameters[w].Value.Data[(i * h) + j] * dPre;
        }

        T dHu = dPre * scale;
        for (int k = 0; k < h; k++)
        {
            _parameters[u].Gradient.Data[(k * h) + j] += input.Data[(b * width) + Inputs + k] * dHu;
            inputGradient.Data[(b * width) + Inputs + k] += _parameters[u].Value.Data[(k * h) + j] * dHu;
        }
    }

    /// <summary>σ or another activation of x·W + h·U + b for the gate whose W is parameter <paramref name="first"/>.</summary>
    private T[] Gate(Tensor<T> input, int first, Func<T, T> activation)
    {
        int batch = input.Shape[0], h = Hidden;
        var gate = new T[batch * h];
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < h; j++)
            {
                T pre = Dot(input, b, 0, Inputs, _parameters[first].Value.Data, j)
                    + Dot(input, b, Inputs, h, _parameters[first + 1].Value.Data, j)
                    + _parameters[first + 2].Value.Data[j];
                gate[(b * h) + j] = activation(pre);
            }
        }

        return gate;
    }

    /// <summary>Σₖ input[b, from + k]·weights[k, j] for k &lt; count (weights has Hidden columns).</summary>
    private T Dot(Tensor<T> input, int b, int from, int count, T[] weights, int j)
    {
        T sum = T.Zero;
        int row = b * (Inputs + Hidden);
        for (int k = 0; k < count; k++)
        {
            sum += input.Data[row + from + k] * weights[(k * Hidden) + j];
        }

        return sum;
    }

    private static T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));
}
