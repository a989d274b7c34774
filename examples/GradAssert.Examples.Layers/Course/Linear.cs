using MathNet.Numerics.LinearAlgebra;

namespace GradAssert.Examples.Layers.Course;

/// <summary>
/// Z = W·X + b in the course's layout: examples are the columns of X (shape [in, m]), W is [out, in], b is [out, 1].
/// </summary>
public sealed class Linear : ILayer<double>
{
    private Matrix<double>? _input;

    /// <summary>Creates the layer from its weights (copied).</summary>
    /// <param name="name">The name the report shows, such as <c>Linear1</c>.</param>
    /// <param name="weights">W, shape [out, in].</param>
    /// <param name="bias">b, shape [out, 1].</param>
    public Linear(string name, Matrix<double> weights, Matrix<double> bias)
    {
        Name = name;
        W = new Parameter<double>("W", Tensor<double>.FromMatrix(weights));
        B = new Parameter<double>("b", Tensor<double>.FromMatrix(bias));
        Parameters = [W, B];
    }

    /// <summary>The name the report shows.</summary>
    public string Name { get; }

    /// <summary>The weights W, shape [out, in].</summary>
    public Parameter<double> W { get; }

    /// <summary>The bias b, shape [out, 1].</summary>
    public Parameter<double> B { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter<double>> Parameters { get; }

    /// <summary>A planted bug for demonstrations: dW is multiplied by this. Leave it at 1.</summary>
    public double WeightGradientScale { get; init; } = 1;

    /// <summary>A planted bug for demonstrations: db is multiplied by this. Leave it at 1.</summary>
    public double BiasGradientScale { get; init; } = 1;

    /// <inheritdoc />
    public Tensor<double> Forward(Tensor<double> input)
    {
        _input = input.ToMatrix();
        var w = W.Value.ToMatrix();
        var z = w * _input;
        var b = B.Value.ToMatrix();
        z = z + Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, (r, _) => b[r, 0]);
        return Tensor<double>.FromMatrix(z);
    }

    /// <inheritdoc />
    public Tensor<double>? Backward(Tensor<double> outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward.");
        var dz = outputGradient.ToMatrix();
        var dw = dz * input.Transpose() * WeightGradientScale;
        var db = dz.RowSums() * BiasGradientScale;
        Add(W.Gradient, Tensor<double>.FromMatrix(dw));
        for (int r = 0; r < db.Count; r++)
        {
            B.Gradient.Data[r] += db[r];
        }

        return Tensor<double>.FromMatrix(W.Value.ToMatrix().Transpose() * dz);
    }

    private static void Add(Tensor<double> target, Tensor<double> values)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target.Data[i] += values.Data[i];
        }
    }
}
