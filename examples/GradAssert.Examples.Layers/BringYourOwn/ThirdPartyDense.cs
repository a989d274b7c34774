namespace GradAssert.Examples.Layers.ThirdParty;

// Stand-ins for a third-party library's own types: a tensor reachable only through Get/Set, and a dense layer with
// its own method names. Nothing here knows about GradAssert; LibraryDenseAdapter is all the glue it takes.

/// <summary>A library's tensor type: flat storage behind Get and Set.</summary>
public sealed class NdArray
{
    private readonly float[] _values;

    /// <summary>A zero-filled array of <paramref name="length"/> values.</summary>
    public NdArray(int length) => _values = new float[length];

    /// <summary>The number of values.</summary>
    public int Length => _values.Length;

    /// <summary>Reads value i.</summary>
    public float Get(int i) => _values[i];

    /// <summary>Writes value i.</summary>
    public void Set(int i, float value) => _values[i] = value;
}

/// <summary>The library's dense layer: y = x·W + b, weights and their gradients in <see cref="NdArray"/>s.</summary>
public sealed class LibDense
{
    private float[,] _x = new float[0, 0];

    /// <summary>A layer with seeded weights.</summary>
    public LibDense(int inputs, int outputs, int seed)
    {
        (Inputs, Outputs) = (inputs, outputs);
        (Weights, WeightGrad, Bias, BiasGrad) = (new NdArray(inputs * outputs), new NdArray(inputs * outputs), new NdArray(outputs), new NdArray(outputs));
        var random = new Random(seed);
        for (int i = 0; i < Weights.Length; i++)
        {
            Weights.Set(i, (float)((random.NextDouble() - 0.5) / Math.Sqrt(inputs)));
        }
    }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output features.</summary>
    public int Outputs { get; }

    /// <summary>W, row-major [in, out].</summary>
    public NdArray Weights { get; }

    /// <summary>dL/dW.</summary>
    public NdArray WeightGrad { get; }

    /// <summary>b.</summary>
    public NdArray Bias { get; }

    /// <summary>dL/db.</summary>
    public NdArray BiasGrad { get; }

    /// <summary>The library's forward pass.</summary>
    public float[,] Predict(float[,] x)
    {
        _x = x;
        var y = new float[x.GetLength(0), Outputs];
        for (int n = 0; n < x.GetLength(0); n++)
        {
            for (int o = 0; o < Outputs; o++)
            {
                float sum = Bias.Get(o);
                for (int i = 0; i < Inputs; i++)
                {
                    sum += x[n, i] * Weights.Get((i * Outputs) + o);
                }

                y[n, o] = sum;
            }
        }

        return y;
    }

    /// <summary>The library's backward pass: accumulates into the gradients and returns dL/dx.</summary>
    public float[,] Backprop(float[,] dy)
    {
        var dx = new float[_x.GetLength(0), Inputs];
        for (int n = 0; n < _x.GetLength(0); n++)
        {
            for (int o = 0; o < Outputs; o++)
            {
                BiasGrad.Set(o, BiasGrad.Get(o) + dy[n, o]);
                for (int i = 0; i < Inputs; i++)
                {
                    WeightGrad.Set((i * Outputs) + o, WeightGrad.Get((i * Outputs) + o) + (_x[n, i] * dy[n, o]));
                    dx[n, i] += Weights.Get((i * Outputs) + o) * dy[n, o];
                }
            }
        }

        return dx;
    }
}
