using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace GradAssert.Examples.Layers.Course;

/// <summary>
/// The gradient-checking exercise of the classic deep-learning course: LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID with a
/// mean cross-entropy cost, W1 5×4, W2 3×5, W3 1×3, X 4×3, Y = [1, 1, 0], and its two planted bugs in the backward
/// pass (dW2 doubled, db1 multiplied by 4). Available in the course's flat form, a cost J(θ) and its gradient, and as
/// a <see cref="Sequential{T}"/> of layers.
/// </summary>
public sealed class CourseNetwork
{
    private static readonly string[] Order = ["W1", "b1", "W2", "b2", "W3", "b3"];

    private CourseNetwork(Matrix<double> x, double[] y, IReadOnlyDictionary<string, Matrix<double>> parameters, JsonElement figures)
    {
        X = x;
        Y = y;
        Parameters = parameters;
        Figures = figures;
    }

    /// <summary>The examples, one per column: shape [4, 3].</summary>
    public Matrix<double> X { get; }

    /// <summary>The labels, one per example.</summary>
    public double[] Y { get; }

    /// <summary>W1, b1, W2, b2, W3, b3 as the course gives them.</summary>
    public IReadOnlyDictionary<string, Matrix<double>> Parameters { get; }

    /// <summary>The course's own figures (the <c>figures</c> object of the seed file).</summary>
    public JsonElement Figures { get; }

    /// <summary>Reads the course's data from the copy of its seed file embedded in this assembly.</summary>
    public static CourseNetwork Load()
    {
        using var stream = typeof(CourseNetwork).Assembly.GetManifestResourceStream("course_gradient_check.json")
            ?? throw new InvalidOperationException("The embedded course data is missing.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var parameters = Order.ToDictionary(name => name, name => ReadMatrix(root.GetProperty("parameters").GetProperty(name)));
        var y = root.GetProperty("Y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return new CourseNetwork(ReadMatrix(root.GetProperty("X")), y, parameters, root.GetProperty("figures").Clone());
    }

    /// <summary>θ: every parameter flattened row-major, in the order W1, b1, W2, b2, W3, b3.</summary>
    public MathNetVector Theta() =>
        MathNetVector.Build.DenseOfEnumerable(Order.SelectMany(name => RowMajor(Parameters[name])));

    /// <summary>The cost J(θ) = (1/m)·Σ −y·log(a3) − (1−y)·log(1−a3).</summary>
    public double Cost(MathNetVector theta)
    {
        var p = Unflatten(theta);
        var (_, _, _, _, a3) = Forward(p);
        double cost = 0;
        for (int j = 0; j < Y.Length; j++)
        {
            cost += (-Y[j] * Math.Log(a3[0, j])) - ((1 - Y[j]) * Math.Log(1 - a3[0, j]));
        }

        return cost / Y.Length;
    }

    /// <summary>The course's hand-written backward pass, flattened like θ; <paramref name="withBugs"/> plants its two bugs.</summary>
    public MathNetVector Gradient(MathNetVector theta, bool withBugs)
    {
        var p = Unflatten(theta);
        var (z1, a1, z2, a2, a3) = Forward(p);
        double m = Y.Length;
        var yRow = Matrix<double>.Build.Dense(1, Y.Length, (_, j) => Y[j]);

        var dz3 = a3 - yRow;
        var dw3 = dz3 * a2.Transpose() / m;
        var db3 = dz3.RowSums() / m;
        var dz2 = (p["W3"].Transpose() * dz3).PointwiseMultiply(z2.Map(v => v > 0 ? 1.0 : 0.0));
        var dw2 = dz2 * a1.Transpose() / m * (withBugs ? 2 : 1);
        var db2 = dz2.RowSums() / m;
        var dz1 = (p["W2"].Transpose() * dz2).PointwiseMultiply(z1.Map(v => v > 0 ? 1.0 : 0.0));
        var dw1 = dz1 * X.Transpose() / m;
        var db1 = dz1.RowSums() * (withBugs ? 4 : 1) / m;

        return MathNetVector.Build.DenseOfEnumerable(
            RowMajor(dw1).Concat(db1).Concat(RowMajor(dw2)).Concat(db2).Concat(RowMajor(dw3)).Concat(db3));
    }

    /// <summary>
    /// The same network as layers: Linear1, Relu1, Linear2, Relu2, Linear3, Sigmoid, Cost. Its input is X.
    /// <paramref name="withBugs"/> plants the course's bugs in Linear1 (db ×4) and Linear2 (dW ×2).
    /// </summary>
    public Sequential<double> Layered(bool withBugs) => new(
        "CourseNetwork",
        new Linear("Linear1", Parameters["W1"], Parameters["b1"]) { BiasGradientScale = withBugs ? 4 : 1 },
        new Relu("Relu1"),
        new Linear("Linear2", Parameters["W2"], Parameters["b2"]) { WeightGradientScale = withBugs ? 2 : 1 },
        new Relu("Relu2"),
        new Linear("Linear3", Parameters["W3"], Parameters["b3"]),
        new Sigmoid("Sigmoid"),
        new CrossEntropyCost(Y));

    /// <summary>X as a tensor, the layered network's input.</summary>
    public Tensor<double> Input() => Tensor<double>.FromMatrix(X);

    private (Matrix<double> Z1, Matrix<double> A1, Matrix<double> Z2, Matrix<double> A2, Matrix<double> A3) Forward(Dictionary<string, Matrix<double>> p)
    {
        var z1 = AddBias(p["W1"] * X, p["b1"]);
        var a1 = z1.Map(v => Math.Max(0, v));
        var z2 = AddBias(p["W2"] * a1, p["b2"]);
        var a2 = z2.Map(v => Math.Max(0, v));
        var z3 = AddBias(p["W3"] * a2, p["b3"]);
        var a3 = z3.Map(v => 1 / (1 + Math.Exp(-v)));
        return (z1, a1, z2, a2, a3);
    }

    private Dictionary<string, Matrix<double>> Unflatten(MathNetVector theta)
    {
        var result = new Dictionary<string, Matrix<double>>();
        int offset = 0;
        foreach (string name in Order)
        {
            var shape = Parameters[name];
            int start = offset;
            result[name] = Matrix<double>.Build.Dense(shape.RowCount, shape.ColumnCount, (r, c) => theta[start + (r * shape.ColumnCount) + c]);
            offset += shape.RowCount * shape.ColumnCount;
        }

        return result;
    }

    private static Matrix<double> AddBias(Matrix<double> z, Matrix<double> b) =>
        z + Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount, (r, _) => b[r, 0]);

    private static IEnumerable<double> RowMajor(Matrix<double> m)
    {
        for (int r = 0; r < m.RowCount; r++)
        {
            for (int c = 0; c < m.ColumnCount; c++)
            {
                yield return m[r, c];
            }
        }
    }

    private static Matrix<double> ReadMatrix(JsonElement rows)
    {
        var data = rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return Matrix<double>.Build.DenseOfRowArrays(data);
    }
}
