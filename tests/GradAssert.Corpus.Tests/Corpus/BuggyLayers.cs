using System.Numerics;
using GradAssert.Corpus.Tests.Bugs;

namespace GradAssert.Corpus.Tests.Corpus;

/// <summary>
/// The planted bugs, each on the same random cases as its correct layer, with the condition under which the bug can
/// change a gradient at all (for example batch ≥ 2 for a wrong reduction over the batch) and the tensors it touches.
/// </summary>
internal static class BuggyLayers
{
    /// <summary>Bugs the default must catch in double and in float.</summary>
    public static readonly string[] Names =
    [
        "DenseWithTransposedWeightGradient", "BiasGradientSumsFirstRowOnly", "DenseInputGradientUntransposed",
        "ReluDerivativeAtWrongSide", "LeakyReluMissingSlope", "TanhDerivativeFromInput", "SigmoidDerivativeMissingFactor",
        "AbsDerivativeMissingSign", "ClampPassesGradientWhenClamped", "SoftmaxMissingTerm", "CrossEntropyMissingBatchMean",
        "LayerNormMissingMeanTerm", "LayerNormGammaGradientUsesRawInput", "Conv2DPaddingEdgeBug", "MaxPoolRoutesToWrongElement",
        "EmbeddingOverwritesInsteadOfAccumulates", "ResidualMissingSkipGradient", "AttentionMissingScale",
        "Deep8TanhDerivativeMissingSquareAtLayer4", "BatchNormMissingMeanTerm", "GruMissingDirectHiddenPath",
    ];

    /// <summary>
    /// Weight gradients 0.1% off, alone and inside an 8-layer model: the default must catch them in double and, since the
    /// Taylor second opinion, in float too.
    /// </summary>
    public static readonly string[] SmallErrorNames = ["DenseWeightGradientScaled0999", "Deep8Dense5WeightGradientScaled0999"];

    public static Scenario<T> Build<T>(string name, GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (name)
        {
            case "DenseWithTransposedWeightGradient":
            case "DenseInputGradientUntransposed":
            {
                int n = c.Dim("in", 1, 6);
                var dense = new Dense<T>(n, n, Draw.LayerSeed(c));
                var x = c.Normal<T>(c.Dim("batch", 1, 4), n);
                return name == "DenseWithTransposedWeightGradient"
                    ? new(new DenseWithTransposedWeightGradient<T>(dense), x, CanShow: n >= 2, Expected: ["W"])
                    : new(new DenseInputGradientUntransposed<T>(dense), x, CanShow: n >= 2, Expected: ["input"]);
            }

            case "BiasGradientSumsFirstRowOnly":
            {
                var s = Correct<T>("Dense", c);
                return new(new BiasGradientSumsFirstRowOnly<T>((Dense<T>)s.Layer), s.Input, CanShow: s.Input.Shape[0] >= 2, Expected: ["b"]);
            }

            case "DenseWeightGradientScaled0999":
            {
                var s = Correct<T>("Dense", c);
                return new(new DenseWeightGradientScaled0999<T>((Dense<T>)s.Layer), s.Input, Expected: ["W"]);
            }

            case "ReluDerivativeAtWrongSide":
                return Activation(c, "ReLU", new ReluDerivativeAtWrongSide<T>(), _ => true);
            case "LeakyReluMissingSlope":
                return Activation(c, "LeakyReLU", new LeakyReluMissingSlope<T>(), x => x < 0);
            case "TanhDerivativeFromInput":
                return Activation(c, "Tanh", new TanhDerivativeFromInput<T>(), _ => true);
            case "SigmoidDerivativeMissingFactor":
                return Activation(c, "Sigmoid", new SigmoidDerivativeMissingFactor<T>(), _ => true);
            case "AbsDerivativeMissingSign":
                return Activation(c, "Abs", new AbsDerivativeMissingSign<T>(), x => x < 0);
            case "ClampPassesGradientWhenClamped":
                return Activation(c, "Clamp", new ClampPassesGradientWhenClamped<T>(), x => Math.Abs(x) > 1);

            case "SoftmaxMissingTerm":
                return new(new SoftmaxMissingTerm<T>(), Correct<T>("Softmax", c).Input, Expected: ["input"]);

            case "CrossEntropyMissingBatchMean":
            {
                var s = Correct<T>("SoftmaxCrossEntropy", c);
                return new(new CrossEntropyMissingBatchMean<T>((SoftmaxCrossEntropy<T>)s.Layer), s.Input, CanShow: s.Input.Shape[0] >= 2, Expected: ["input"]);
            }

            case "LayerNormMissingMeanTerm":
            {
                var s = Correct<T>("LayerNorm", c);
                return new(new LayerNormMissingMeanTerm<T>((LayerNorm<T>)s.Layer), s.Input, Expected: ["input"]);
            }

            case "LayerNormGammaGradientUsesRawInput":
            {
                var s = Correct<T>("LayerNorm", c);
                return new(new LayerNormGammaGradientUsesRawInput<T>((LayerNorm<T>)s.Layer), s.Input, Expected: ["gamma"]);
            }

            case "Conv2DPaddingEdgeBug":
            {
                var s = Correct<T>("Conv2D", c);
                var conv = (Conv2D<T>)s.Layer;
                return new(new Conv2DPaddingEdgeBug<T>(conv), s.Input, CanShow: conv.Padding > 0, Expected: ["input"]);
            }

            case "MaxPoolRoutesToWrongElement":
            {
                var s = Correct<T>("MaxPool2D", c);
                var pool = (MaxPool2D<T>)s.Layer;
                return new(new MaxPoolRoutesToWrongElement<T>(pool), s.Input, CanShow: SomeMaximumOffTopLeft(pool, s.Input), Expected: ["input"]);
            }

            case "EmbeddingOverwritesInsteadOfAccumulates":
            {
                var s = Correct<T>("Embedding", c);
                bool repeated = s.Input.Data.Distinct().Count() < s.Input.Length;
                return new(new EmbeddingOverwritesInsteadOfAccumulates<T>((Embedding<T>)s.Layer), s.Input, CanShow: repeated, Expected: ["table"]);
            }

            case "ResidualMissingSkipGradient":
            {
                var s = Correct<T>("Residual", c);
                return new(new ResidualMissingSkipGradient<T>((Residual<T>)s.Layer), s.Input, Expected: ["input"]);
            }

            case "AttentionMissingScale":
            {
                var s = Correct<T>("SelfAttention", c);
                var attention = (SelfAttention<T>)s.Layer;
                bool canShow = attention.Model >= 2 && s.Input.Shape[1] >= 2;
                return new(new AttentionMissingScale<T>(attention), s.Input, CanShow: canShow, Expected: ["Wq", "Wk", "input"]);
            }

            case "BatchNormMissingMeanTerm":
            {
                var s = Correct<T>("BatchNorm", c);
                return new(new BatchNormMissingMeanTerm<T>((BatchNorm<T>)s.Layer), s.Input, Expected: ["input"]);
            }

            case "GruMissingDirectHiddenPath":
            {
                var s = Correct<T>("GruCell", c);
                return new(new GruMissingDirectHiddenPath<T>((GruCell<T>)s.Layer), s.Input, Expected: ["input"]);
            }

            case "Deep8TanhDerivativeMissingSquareAtLayer4":
                return Deep<T>(c, 3, layer => layer is Tanh<T> ? new TanhDerivativeMissingSquare<T>() : layer, "Tanh#4");

            case "Deep8Dense5WeightGradientScaled0999":
                return Deep<T>(c, 4, layer => layer is Dense<T> d ? new DenseWeightGradientScaled0999<T>(d) : layer, "Dense#5");

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such planted bug.");
        }
    }

    private static Scenario<T> Correct<T>(string name, GradientCase c) where T : unmanaged, IFloatingPointIeee754<T> =>
        CorrectLayers.Build<T>(name, c) with { PlantedKinks = 0 };

    /// <summary>An activation bug on its correct layer's inputs (without planted kinks); it shows when some input satisfies <paramref name="shows"/>.</summary>
    private static Scenario<T> Activation<T>(GradientCase c, string correct, ILayer<T> buggy, Func<double, bool> shows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = CorrectLayers.Build<T>(correct, c).Input;
        return new(buggy, x, CanShow: x.Data.Any(v => shows(double.CreateChecked(v))), Expected: ["input"]);
    }

    /// <summary>The deep Dense+Tanh stack with the <paramref name="at"/>-th (0-based) Dense/Tanh pair's layer replaced.</summary>
    private static Scenario<T> Deep<T>(GradientCase c, int at, Func<ILayer<T>, ILayer<T>> plant, string blame)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = Correct<T>("Deep8DenseTanh", c);
        var model = (Sequential<T>)s.Layer;
        var layers = model.Layers.ToArray();
        int index = blame.StartsWith("Dense", StringComparison.Ordinal) ? 2 * at : (2 * at) + 1;
        layers[index] = plant(layers[index]);
        return new(new Sequential<T>(model.Name, layers), s.Input, Blame: blame);
    }

    private static bool SomeMaximumOffTopLeft<T>(MaxPool2D<T> pool, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int planes = x.Shape[0] * x.Shape[1], height = x.Shape[2], width = x.Shape[3];
        for (int p = 0; p < planes; p++)
        {
            for (int oy = 0; oy < pool.OutputSize(height); oy++)
            {
                for (int ox = 0; ox < pool.OutputSize(width); ox++)
                {
                    int topLeft = (((p * height) + (oy * pool.Stride)) * width) + (ox * pool.Stride);
                    for (int k = 1; k < pool.Size * pool.Size; k++)
                    {
                        int cell = (((p * height) + (oy * pool.Stride) + (k / pool.Size)) * width) + (ox * pool.Stride) + (k % pool.Size);
                        if (x.Data[cell] > x.Data[topLeft])
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }
}
