using System.Numerics;

namespace GradAssert.Corpus.Tests.Corpus;

/// <summary>
/// The correct layers of the zoo, each with a random-shape case generator. Every size and value is drawn from the
/// <see cref="GradientCase"/>, so (name, seed) replays a case exactly. Shapes stay small: the corpus must be fast.
/// </summary>
internal static class CorrectLayers
{
    /// <summary>Ordinary regimes: standard-normal-sized inputs, random shapes.</summary>
    public static readonly string[] Names =
    [
        "Dense", "ReLU", "LeakyReLU", "Tanh", "Sigmoid", "Abs", "Clamp", "Softmax", "SoftmaxCrossEntropy",
        "LayerNorm", "Conv2D", "MaxPool2D", "Embedding", "Residual", "SelfAttention", "BatchNorm", "GruCell",
    ];

    /// <summary>Hard numerical regimes: large inputs, saturation, large logits, a deep composition.</summary>
    public static readonly string[] HardNames =
    [
        "Dense@1e3", "ReLU@1e3", "LeakyReLU@1e3", "Abs@1e3", "Clamp@1e3", "LayerNorm@1e3", "Conv2D@1e3",
        "Sigmoid@saturated", "Tanh@saturated", "Softmax@largeLogits", "SoftmaxCrossEntropy@largeLogits",
        "Deep8DenseTanh", "SelfAttention@large", "BatchNorm@1e3",
    ];

    /// <summary>The layers with kinks, whose cases plant inputs within 1e-6 of a kink.</summary>
    public static readonly string[] KinkNames = ["ReLU", "LeakyReLU", "Abs", "Clamp", "MaxPool2D"];

    public static Scenario<T> Build<T>(string name, GradientCase c)
        where T : unmanaged, IFloatingPointIeee754<T> => name switch
        {
            "Dense" => Dense<T>(c, 1),
            "Dense@1e3" => Dense<T>(c, 1e3),
            "ReLU" => Kinked<T>(c, new ReLU<T>(), 1, 0),
            "ReLU@1e3" => Kinked<T>(c, new ReLU<T>(), 1e3, 0),
            "LeakyReLU" => Kinked<T>(c, new LeakyReLU<T>(0.1), 1, 0),
            "LeakyReLU@1e3" => Kinked<T>(c, new LeakyReLU<T>(0.1), 1e3, 0),
            "Abs" => Kinked<T>(c, new Abs<T>(), 1, 0),
            "Abs@1e3" => Kinked<T>(c, new Abs<T>(), 1e3, 0),
            "Clamp" => Kinked<T>(c, new Clamp<T>(-1, 1), 1.5, -1, 1),
            "Clamp@1e3" => Kinked<T>(c, new Clamp<T>(-1e3, 1e3), 1.5e3, -1e3, 1e3),
            "Tanh" => Elementwise<T>(c, new Tanh<T>(), 1.5),
            "Sigmoid" => Elementwise<T>(c, new Sigmoid<T>(), 2),
            "Tanh@saturated" => Saturated<T>(c, new Tanh<T>(), 3, 15),
            "Sigmoid@saturated" => Saturated<T>(c, new Sigmoid<T>(), 8, 30),
            "Softmax" => Softmax<T>(c, 2),
            "Softmax@largeLogits" => Softmax<T>(c, 30),
            "SoftmaxCrossEntropy" => CrossEntropy<T>(c, 2),
            "SoftmaxCrossEntropy@largeLogits" => CrossEntropy<T>(c, 30),
            "LayerNorm" => LayerNorm<T>(c, 1, 0),
            "LayerNorm@1e3" => LayerNorm<T>(c, 1e3, 1e3),
            "Conv2D" => Conv2D<T>(c, 1),
            "Conv2D@1e3" => Conv2D<T>(c, 1e3),
            "MaxPool2D" => MaxPool<T>(c),
            "Embedding" => Embedding<T>(c),
            "Residual" => Residual<T>(c),
            "SelfAttention" => Attention<T>(c, 1),
            "SelfAttention@large" => Attention<T>(c, 4),
            "Deep8DenseTanh" => Deep<T>(c),
            "BatchNorm" => BatchNorm<T>(c, 1, 0),
            "BatchNorm@1e3" => BatchNorm<T>(c, 1e3, 1e3),
            "GruCell" => Gru<T>(c),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such corpus layer."),
        };

    private static Scenario<T> Dense<T>(GradientCase c, double scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dense = new Dense<T>(c.Dim("in", 1, 6), c.Dim("out", 1, 6), Draw.LayerSeed(c));
        return new(dense, Draw.Normal<T>(c, scale, c.Dim("batch", 1, 4), dense.Inputs));
    }

    private static Scenario<T> Elementwise<T>(GradientCase c, ILayer<T> layer, double scale) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(layer, Draw.Normal<T>(c, scale, c.Dim("batch", 1, 4), c.Dim("features", 1, 8)));

    /// <summary>Inputs of magnitude in [<paramref name="from"/>, <paramref name="to"/>], either sign: the activation is saturated.</summary>
    private static Scenario<T> Saturated<T>(GradientCase c, ILayer<T> layer, double from, double to) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = c.Uniform<T>(from, to, c.Dim("batch", 1, 4), c.Dim("features", 1, 8));
        var sign = c.Uniform<double>(-1, 1, x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = sign.Data[i] < 0 ? -x.Data[i] : x.Data[i];
        }

        return new(layer, x);
    }

    private static Scenario<T> Kinked<T>(GradientCase c, ILayer<T> layer, double scale, params double[] kinks) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Draw.Normal<T>(c, scale, c.Dim("batch", 1, 4), c.Dim("features", 1, 8));
        int planted = Draw.PlantsKinks(c) ? Draw.PlantNearKinks(c, x, kinks) : 0;
        return new(layer, x, planted);
    }

    private static Scenario<T> Softmax<T>(GradientCase c, double scale) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(new Softmax<T>(), Draw.Normal<T>(c, scale, c.Dim("batch", 1, 3), c.Dim("classes", 1, 6)));

    private static Scenario<T> CrossEntropy<T>(GradientCase c, double scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = c.Dim("batch", 1, 4), classes = c.Dim("classes", 2, 6);
        var labels = Enumerable.Range(0, batch).Select(n => c.Dim($"label{n}", 0, classes - 1)).ToArray();
        return new(new SoftmaxCrossEntropy<T>(labels), Draw.Normal<T>(c, scale, batch, classes));
    }

    private static Scenario<T> LayerNorm<T>(GradientCase c, double scale, double offset) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norm = new LayerNorm<T>(c.Dim("features", 1, 8), seed: Draw.LayerSeed(c));
        var x = Draw.Normal<T>(c, scale, c.Dim("batch", 1, 3), norm.Features);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] += T.CreateChecked(offset);
        }

        return new(norm, x);
    }

    private static Scenario<T> BatchNorm<T>(GradientCase c, double scale, double offset) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norm = new BatchNorm<T>(c.Dim("features", 1, 6), seed: Draw.LayerSeed(c));
        var x = Draw.Normal<T>(c, scale, c.Dim("batch", 1, 5), norm.Features);
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] += T.CreateChecked(offset);
        }

        return new(norm, x);
    }

    private static Scenario<T> Gru<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cell = new GruCell<T>(c.Dim("inputs", 1, 4), c.Dim("hidden", 1, 4), Draw.LayerSeed(c));
        return new(cell, c.Normal<T>(c.Dim("batch", 1, 3), cell.Inputs + cell.Hidden));
    }

    private static Scenario<T> Conv2D<T>(GradientCase c, double scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kernel = c.Dim("kernel", 1, 3);
        int padding = c.Dim("padding", 0, kernel - 1);
        int minSize = Math.Max(1, kernel - (2 * padding));
        var conv = new Conv2D<T>(c.Dim("inChannels", 1, 2), c.Dim("outChannels", 1, 3), kernel, c.Dim("stride", 1, 2), padding, Draw.LayerSeed(c));
        var x = Draw.Normal<T>(c, scale, c.Dim("batch", 1, 2), conv.InChannels, c.Dim("height", minSize, 5), c.Dim("width", minSize, 5));
        return new(conv, x);
    }

    private static Scenario<T> MaxPool<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int size = c.Dim("size", 1, 3);
        var pool = new MaxPool2D<T>(size, c.Dim("stride", 1, size));
        var x = c.Normal<T>(c.Dim("batch", 1, 2), c.Dim("channels", 1, 2), c.Dim("height", size, 6), c.Dim("width", size, 6));
        int planted = Draw.PlantsKinks(c) ? PlantNearTies(c, pool, x) : 0;
        return new(pool, x, planted);
    }

    /// <summary>
    /// Makes a few windows' runner-up within 1e-6 of the maximum (a tie is max-pooling's kink) and returns how many
    /// elements now sit near a tie (two per window).
    /// </summary>
    private static int PlantNearTies<T>(GradientCase c, MaxPool2D<T> pool, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (pool.Size < 2 || x.Length < 8)
        {
            return 0;
        }

        int height = x.Shape[2], width = x.Shape[3];
        int windows = pool.OutputSize(height) * pool.OutputSize(width);
        int count = Math.Min(c.Dim("tieCount", 1, 2), x.Length / 8);
        var touched = new HashSet<int>();
        for (int t = 0; t < count; t++)
        {
            int plane = c.Dim($"tiePlane{t}", 0, (x.Shape[0] * x.Shape[1]) - 1);
            int window = c.Dim($"tieWindow{t}", 0, windows - 1);
            int oy = window / pool.OutputSize(width), ox = window % pool.OutputSize(width);
            int Offset(int ky, int kx) => (((plane * height) + (oy * pool.Stride) + ky) * width) + (ox * pool.Stride) + kx;
            var cells = Enumerable.Range(0, pool.Size * pool.Size).Select(k => Offset(k / pool.Size, k % pool.Size)).ToArray();
            if (cells.Any(touched.Contains))
            {
                continue;
            }

            int best = cells.MaxBy(i => x.Data[i]);
            int other = cells.Where(i => i != best).ElementAt(c.Dim($"tieOther{t}", 0, cells.Length - 2));
            double delta = c.Uniform<double>(1e-7, 1e-6, 1).Data[0];
            // Raise the other cell to just below the maximum; make it large enough to stay the window's top two.
            x.Data[other] = T.CreateChecked(double.CreateChecked(x.Data[best]) - delta);
            if (x.Data[other] == x.Data[best])
            {
                x.Data[other] = T.BitDecrement(x.Data[best]);
            }

            touched.UnionWith(cells);
        }

        return touched.Count == 0 ? 0 : CountNearTies(pool, x);
    }

    /// <summary>Elements within 1e-6 of their window's maximum without being it, plus those maxima.</summary>
    private static int CountNearTies<T>(MaxPool2D<T> pool, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int height = x.Shape[2], width = x.Shape[3];
        var near = new HashSet<int>();
        for (int plane = 0; plane < x.Shape[0] * x.Shape[1]; plane++)
        {
            for (int oy = 0; oy < pool.OutputSize(height); oy++)
            {
                for (int ox = 0; ox < pool.OutputSize(width); ox++)
                {
                    var cells = Enumerable.Range(0, pool.Size * pool.Size)
                        .Select(k => (((plane * height) + (oy * pool.Stride) + (k / pool.Size)) * width) + (ox * pool.Stride) + (k % pool.Size))
                        .OrderByDescending(i => x.Data[i]).ToArray();
                    if (double.CreateChecked(x.Data[cells[0]] - x.Data[cells[1]]) <= 1e-6)
                    {
                        near.Add(cells[0]);
                        near.Add(cells[1]);
                    }
                }
            }
        }

        return near.Count;
    }

    private static Scenario<T> Embedding<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var embedding = new Embedding<T>(c.Dim("vocabulary", 1, 5), c.Dim("dimension", 1, 4), Draw.LayerSeed(c));
        var indices = c.Uniform<double>(0, embedding.Vocabulary, c.Dim("batch", 1, 3), c.Dim("sequence", 1, 4));
        var x = new Tensor<T>(indices.Shape.ToArray());
        for (int i = 0; i < x.Length; i++)
        {
            x.Data[i] = T.CreateChecked(Math.Floor(indices.Data[i]));
        }

        return new(embedding, x);
    }

    private static Scenario<T> Residual<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = c.Dim("width", 1, 5);
        var block = new Residual<T>(new Sequential<T>(new Dense<T>(width, width, Draw.LayerSeed(c)), new Tanh<T>()));
        return new(block, c.Normal<T>(c.Dim("batch", 1, 3), width));
    }

    private static Scenario<T> Attention<T>(GradientCase c, double scale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var attention = new SelfAttention<T>(c.Dim("model", 1, 4), Draw.LayerSeed(c));
        return new(attention, Draw.Normal<T>(c, scale, c.Dim("batch", 1, 2), c.Dim("sequence", 1, 4), attention.Model));
    }

    private static Scenario<T> Deep<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = c.Dim("width", 2, 5);
        int seed = Draw.LayerSeed(c);
        var layers = new List<ILayer<T>>();
        for (int k = 0; k < 8; k++)
        {
            layers.Add(new Dense<T>(width, width, seed + (10 * k)));
            layers.Add(new Tanh<T>());
        }

        return new(new Sequential<T>("Deep8", [.. layers]), c.Normal<T>(c.Dim("batch", 1, 3), width));
    }
}
