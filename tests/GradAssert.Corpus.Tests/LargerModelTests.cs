using System.Numerics;
using GradAssert.Examples.Layers;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Correct models larger than the corpus's entries, where kinks and float rounding pile up (convnets with ReLU and
/// max-pool, MLPs with ReLU, attention, layer and batch norm, a GRU cell), pass by default over seeded random inputs: no
/// false alarm from the exact reference (<see cref="Reference.Auto"/>), the error model or the Taylor second opinion,
/// nor by finite differences alone (<see cref="Reference.Differences"/>). One case per model in an ordinary run;
/// <c>LARGER_MODEL_CASES</c> sets how many (scripts/larger-models.sh runs 40, seeds 100 on).
/// </summary>
[Trait("Category", "Corpus")]
public sealed class LargerModelTests
{
    private static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("LARGER_MODEL_CASES"), out int cases) && cases > 0 ? cases : 1;

    /// <summary>
    /// The models; the convnets on 12×12 images (8 to 20 s a case in a debug build) only when LARGER_MODEL_CASES is set,
    /// as two of their cases are in the ordinary run already (tests/GradAssert.Tests/Taylor/SecondOpinionTests).
    /// </summary>
    public static TheoryData<string> Models => new(
        [
            "conv float 4x4x8", "conv float 2x4x8", "conv double 4x4x8", "mlp-relu float", "attention float", "relu-maxpool float",
            "layernorm-mlp float", "layernorm-mlp double", "gru float", "batchnorm-mlp float", "abs-clamp float",
            "overlapping-pool double", "overlapping-pool float",
            .. Environment.GetEnvironmentVariable("LARGER_MODEL_CASES") is { Length: > 0 } ? ["conv float 8x4x12", "conv float 4x8x12", "conv float 8x8x12"] : Array.Empty<string>(),
        ]);

    [Theory]
    [MemberData(nameof(Models))]
    public void Correct_model_passes_by_default(string model) => ShouldPass(model, GradCheckOptions.Default);

    [Theory]
    [MemberData(nameof(Models))]
    public void Correct_model_passes_by_differences_alone(string model) => ShouldPass(model, new GradCheckOptions { Reference = Reference.Differences });

    private static void ShouldPass(string model, GradCheckOptions options)
    {
        var failures = new List<string>();
        for (int k = 0; k < Cases; k++)
        {
            int seed = 100 + k;
            string? failure = model.Contains("double", StringComparison.Ordinal) ? Check<double>(model, seed, options) : Check<float>(model, seed, options);
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases of {model} failed:\n\n" + string.Join("\n\n", failures));
    }

    private static string? Check<T>(string model, int seed, GradCheckOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (layer, input) = Build<T>(model, seed);
        var report = GradCheck.Layer(layer, input, options);
        return report.Passed ? null : $"seed {seed}:\n{report}";
    }

    internal static (ILayer<T> Model, Tensor<T> Input) Build<T>(string model, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = new GradientCase(seed);
        string[] words = model.Split(' ');
        if (words[0] == "conv")
        {
            int[] size = [.. words[2].Split('x').Select(int.Parse)];
            var convnet = new Sequential<T>(
                "conv",
                new Conv2D<T>(3, size[1], kernel: 3, padding: 1, seed: 1),
                new ReLU<T>(),
                new MaxPool2D<T>(2),
                new Conv2D<T>(size[1], 8, kernel: 3, padding: 1, seed: 2),
                new ReLU<T>(),
                new MaxPool2D<T>(2));
            return (convnet, c.Normal<T>(size[0], 3, size[2], size[2]));
        }

        return words[0] switch
        {
            "mlp-relu" => (new Sequential<T>(new Dense<T>(16, 32, seed), new ReLU<T>(), new Dense<T>(32, 32, seed + 1), new ReLU<T>(), new Dense<T>(32, 4, seed + 2)), c.Normal<T>(8, 16)),
            "attention" => (new Sequential<T>(new Residual<T>(new SelfAttention<T>(8, seed)), new LayerNorm<T>(8), new Tanh<T>()), c.Normal<T>(4, 5, 8)),
            "relu-maxpool" => (new Sequential<T>(new ReLU<T>(), new MaxPool2D<T>(2)), c.Normal<T>(4, 4, 8, 8)),

            // 3×3 windows with stride 2 over a ReLU's zeros: ties across overlapping windows (3 of 100 seeds failed).
            "overlapping-pool" => (new Sequential<T>(
                new Conv2D<T>(2, 4, kernel: 3, padding: 1, seed: seed), new ReLU<T>(), new MaxPool2D<T>(3, stride: 2),
                new Conv2D<T>(4, 3, kernel: 3, padding: 1, seed: seed + 100), new ReLU<T>(), new MaxPool2D<T>(3, stride: 2)), c.Normal<T>(2, 2, 9, 9)),
            "layernorm-mlp" => (new Sequential<T>(new Dense<T>(12, 24, seed), new LayerNorm<T>(24), new LeakyReLU<T>(), new Dense<T>(24, 24, seed + 1), new Sigmoid<T>(), new Dense<T>(24, 6, seed + 2), new Softmax<T>()), c.Normal<T>(6, 12)),
            "gru" => (new Sequential<T>(new GruCell<T>(6, 8, seed), new Dense<T>(8, 3, seed + 1)), c.Normal<T>(4, 14)),
            "batchnorm-mlp" => (new Sequential<T>(new Dense<T>(8, 16, seed), new BatchNorm<T>(16, seed: seed), new Tanh<T>(), new Dense<T>(16, 4, seed + 1)), c.Normal<T>(8, 8)),
            "abs-clamp" => (new Sequential<T>(new Dense<T>(8, 16, seed), new Abs<T>(), new Dense<T>(16, 16, seed + 1), new Clamp<T>(), new Dense<T>(16, 4, seed + 2)), c.Normal<T>(8, 8)),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown model."),
        };
    }
}
