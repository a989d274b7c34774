namespace GradAssert.Examples.Layers.Course;

/// <summary>A = max(0, Z), element-wise.</summary>
public sealed class Relu : ILayer<double>
{
    private Tensor<double>? _input;

    /// <summary>Creates the layer.</summary>
    /// <param name="name">The name the report shows.</param>
    public Relu(string name = "Relu") => Name = name;

    /// <summary>The name the report shows.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<double>> Parameters => [];

    /// <inheritdoc />
    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.Clone();
        var output = input.Clone();
        for (int i = 0; i < output.Length; i++)
        {
            output.Data[i] = Math.Max(0, output.Data[i]);
        }

        return output;
    }

    /// <inheritdoc />
    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        var gradient = outputGradient.Clone();
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient.Data[i] = input.Data[i] > 0 ? gradient.Data[i] : 0;
        }

        return gradient;
    }
}

/// <summary>A = 1 / (1 + e^(−Z)), element-wise.</summary>
public sealed class Sigmoid : ILayer<double>
{
    private Tensor<double>? _output;

    /// <summary>Creates the layer.</summary>
    /// <param name="name">The name the report shows.</param>
    public Sigmoid(string name = "Sigmoid") => Name = name;

    /// <summary>The name the report shows.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<double>> Parameters => [];

    /// <inheritdoc />
    public Tensor<double> Forward(Tensor<double> input)
    {
        var output = input.Clone();
        for (int i = 0; i < output.Length; i++)
        {
            output.Data[i] = 1 / (1 + Math.Exp(-output.Data[i]));
        }

        _output = output.Clone();
        return output;
    }

    /// <inheritdoc />
    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var output = _output ?? throw new InvalidOperationException("Backward before Forward.");
        var gradient = outputGradient.Clone();
        for (int i = 0; i < gradient.Length; i++)
        {
            double s = output.Data[i];
            gradient.Data[i] *= s * (1 - s);
        }

        return gradient;
    }
}

/// <summary>The mean cross-entropy (1/m)·Σ −y·log(a) − (1−y)·log(1−a) over the m columns; a scalar output of shape [1].</summary>
public sealed class CrossEntropyCost : ILayer<double>
{
    private readonly double[] _labels;
    private Tensor<double>? _input;

    /// <summary>Creates the cost for fixed labels.</summary>
    /// <param name="labels">One 0/1 label per example (column).</param>
    public CrossEntropyCost(double[] labels) => _labels = (double[])labels.Clone();

    /// <summary>The name the report shows.</summary>
    public string Name => "Cost";

    /// <inheritdoc />
    public IReadOnlyList<Parameter<double>> Parameters => [];

    /// <inheritdoc />
    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.Clone();
        int m = _labels.Length;
        double cost = 0;
        for (int j = 0; j < m; j++)
        {
            double a = input.Data[j], y = _labels[j];
            cost += (-y * Math.Log(a)) - ((1 - y) * Math.Log(1 - a));
        }

        return new Tensor<double>([1], [cost / m]);
    }

    /// <inheritdoc />
    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        int m = _labels.Length;
        var gradient = new Tensor<double>(input.Shape.ToArray());
        for (int j = 0; j < m; j++)
        {
            double a = input.Data[j], y = _labels[j];
            gradient.Data[j] = outputGradient.Data[0] * ((-y / a) + ((1 - y) / (1 - a))) / m;
        }

        return gradient;
    }
}
