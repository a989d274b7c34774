namespace GradAssert.Tests.Support;

/// <summary>(a, b) → (a + b, a ⊙ b): two inputs, two outputs.</summary>
internal sealed class SumAndProduct : IMultiTensorLayer<double>
{
    private Tensor<double> _a = new(0), _b = new(0);

    /// <summary>Forgets the product's contribution to dL/da.</summary>
    public bool MissesProductPathForA { get; init; }

    public IReadOnlyList<Parameter<double>> Parameters => [];

    public IReadOnlyList<string> InputNames => ["a", "b"];

    public IReadOnlyList<string> OutputNames => ["sum", "product"];

    public IReadOnlyList<Tensor<double>> Forward(IReadOnlyList<Tensor<double>> inputs)
    {
        (_a, _b) = (inputs[0].Clone(), inputs[1].Clone());
        var shape = _a.Shape.ToArray();
        return [new Tensor<double>(shape, _a.Data.Zip(_b.Data, (x, y) => x + y).ToArray()), new Tensor<double>(shape, _a.Data.Zip(_b.Data, (x, y) => x * y).ToArray())];
    }

    public IReadOnlyList<Tensor<double>?> Backward(IReadOnlyList<Tensor<double>> outputGradients)
    {
        var shape = _a.Shape.ToArray();
        var (ds, dp) = (outputGradients[0].Data, outputGradients[1].Data);
        var da = new double[ds.Length];
        var db = new double[ds.Length];
        for (int i = 0; i < ds.Length; i++)
        {
            da[i] = ds[i] + (MissesProductPathForA ? 0 : dp[i] * _b.Data[i]);
            db[i] = ds[i] + (dp[i] * _a.Data[i]);
        }

        return [new Tensor<double>(shape, da), new Tensor<double>(shape, db)];
    }
}
