namespace GradAssert.Tests.Support;

/// <summary>
/// y[n,i] = w[i]·x[n,i], with its weight given from outside so that several layers can share it: one
/// <see cref="Parameter{T}"/> object, or two parameters over one array.
/// </summary>
internal sealed class SharedScale(string name, Parameter<double> w) : ILayer<double>
{
    private Tensor<double> _input = new(0);

    public string Name => name;

    public IReadOnlyList<Parameter<double>> Parameters => [w];

    /// <summary>Backward assigns its part to the gradient instead of adding it (wrong when the gradient is shared).</summary>
    public bool Assigns { get; init; }

    /// <summary>Another gradient buffer Backward also adds its part to (a double update when two layers do it).</summary>
    public Tensor<double>? AlsoAddsTo { get; init; }

    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.Clone();
        var y = input.Clone();
        int width = w.Value.Length;
        for (int i = 0; i < y.Length; i++)
        {
            y.Data[i] *= w.Value.Data[i % width];
        }

        return y;
    }

    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        int width = w.Value.Length;
        var part = new double[width];
        var dx = outputGradient.Clone();
        for (int i = 0; i < dx.Length; i++)
        {
            part[i % width] += outputGradient.Data[i] * _input.Data[i];
            dx.Data[i] *= w.Value.Data[i % width];
        }

        for (int j = 0; j < width; j++)
        {
            w.Gradient.Data[j] = Assigns ? part[j] : w.Gradient.Data[j] + part[j];
            if (AlsoAddsTo is not null)
            {
                AlsoAddsTo.Data[j] += part[j];
            }
        }

        return dx;
    }
}
