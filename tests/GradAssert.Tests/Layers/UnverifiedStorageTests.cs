using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Layers;

/// <summary>
/// A row that compares "ok" proves something only when its tensor moves the output. Parameters wired to the wrong part
/// of a library's flat buffer (over padding, or one element off) used to pass on zeros while the real gradient went
/// unchecked; they now fail and say why, and tensors some of whose elements rightly move nothing still pass.
/// </summary>
public sealed class UnverifiedStorageTests
{
    private static Tensor<double> Input() => new GradientCase(8).Normal<double>(3, 4);

    [Fact]
    public void A_bias_whose_segments_point_at_padding_fails_as_verified_nothing_instead_of_passing_on_zeros()
    {
        // The layer's real bias gradient is doubled, and the check never saw it: b's segments lie over the padding.
        var layer = new FlatBufferDense(biasAt: FlatBufferDense.Padding) { BiasGradientScale = 2 };

        var report = GradCheck.Layer(layer, Input());

        report.Passed.ShouldBeFalse(report.ToString());
        report.Tensors.Single(t => t.Tensor == "b").Passed.ShouldBeTrue();
        report.Problems.ShouldContain(p => p.StartsWith("FlatBufferDense.b verified nothing: with every element of b set to NaN not a single bit of the output changes, and its gradient is 0 everywhere"));
        report.ToString().ShouldContain("NOTHING VERIFIED");
        report.ToString().ShouldContain("Is b the storage the layer reads?");
    }

    [Fact]
    public void A_bias_segment_one_element_late_fails_naming_the_real_element_it_missed()
    {
        var layer = new FlatBufferDense(biasAt: FlatBufferDense.Bias + 1);

        var report = GradCheck.Layer(layer, Input());

        report.Passed.ShouldBeFalse(report.ToString());
        report.Problems.ShouldContain(p => p.StartsWith(
            "FlatBufferDense.b looks one element late in its array: b[2] (element 18) moves no output and its gradient is 0, while element 15, just before the segment and in no parameter, moves the output. " +
            "The layer reads b from elements 15..17, but the parameter covers 16..18, so the real b[0] was never checked"));
    }

    [Fact]
    public void A_bias_segment_one_element_early_fails_too()
    {
        var layer = new FlatBufferDense(biasAt: FlatBufferDense.Bias - 1);

        var report = GradCheck.Layer(layer, Input());

        report.Passed.ShouldBeFalse(report.ToString());
        report.Problems.ShouldContain(p => p.StartsWith("FlatBufferDense.b looks one element early in its array: b[0] (element 14) moves no output"));
    }

    [Fact]
    public void Segments_over_what_the_layer_reads_pass()
    {
        var report = GradCheck.Layer(new FlatBufferDense(biasAt: FlatBufferDense.Bias), Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_frozen_parameter_over_padding_is_left_out_not_failed()
    {
        var report = GradCheck.Layer(new FlatBufferDense(biasAt: FlatBufferDense.Padding) { FreezeBias = true }, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Warnings.ShouldContain("FlatBufferDense.b is frozen: left out of the check");
    }

    [Fact]
    public void Without_layer_by_layer_checks_the_end_to_end_row_over_padding_fails_too()
    {
        var model = new Sequential<double>(new FlatBufferDense(biasAt: FlatBufferDense.Padding), new Zoo.Tanh<double>());

        var report = GradCheck.Layer(model, Input(), new GradCheckOptions { CheckLayers = false });

        report.Passed.ShouldBeFalse(report.ToString());
        report.Problems.ShouldContain(p => p.StartsWith("FlatBufferDense.b verified nothing"));
    }

    [Fact]
    public void An_embedding_whose_unused_rows_are_rightly_zero_passes()
    {
        var embedding = new Zoo.Embedding<double>(vocabulary: 6, dimension: 3, seed: 1);
        var indices = new Tensor<double>([4], [0, 2, 2, 5]); // rows 1, 3 and 4 are never looked up

        var report = GradCheck.Layer(embedding, indices);

        report.Passed.ShouldBeTrue(report.ToString());
        report.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void An_embedding_in_a_segment_whose_last_rows_are_unused_passes()
    {
        var report = GradCheck.Layer(new SegmentEmbedding(), new Tensor<double>([3], [0, 1, 1]));

        report.Passed.ShouldBeTrue(report.ToString());
        report.Problems.ShouldBeEmpty();
    }

    /// <summary>
    /// A library's dense layer over one flat buffer: W (4×3) at 0..11, three slots it does not use at 12..14, b at 15..17,
    /// then padding at 18..23. The adapter's Parameters say where W and b are; the layer reads them where they are.
    /// </summary>
    private sealed class FlatBufferDense : ILayer<double>
    {
        public const int Bias = 15;
        public const int Padding = 19;
        private const int In = 4, Out = 3;
        private readonly double[] _values = new GradientCase(5).Normal<double>(24).Data;
        private readonly double[] _gradients = new double[24];
        private readonly int _biasAt;
        private Tensor<double> _x = new(0);

        public FlatBufferDense(int biasAt) => _biasAt = biasAt;

        public double BiasGradientScale { get; init; } = 1;

        public bool FreezeBias { get; init; }

        public IReadOnlyList<Parameter<double>> Parameters =>
        [
            Parameter<double>.Over("W", new ArraySegment<double>(_values, 0, In * Out), new ArraySegment<double>(_gradients, 0, In * Out), In, Out),
            FreezeBias ? BiasParameter().AsFrozen() : BiasParameter(),
        ];

        public Tensor<double> Forward(Tensor<double> input)
        {
            _x = input.Clone();
            var y = new Tensor<double>(input.Shape[0], Out);
            for (int n = 0; n < input.Shape[0]; n++)
            {
                for (int o = 0; o < Out; o++)
                {
                    double sum = _values[Bias + o];
                    for (int i = 0; i < In; i++)
                    {
                        sum += input[n, i] * _values[(i * Out) + o];
                    }

                    y[n, o] = sum;
                }
            }

            return y;
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient)
        {
            var dx = new Tensor<double>(_x.Shape[0], In);
            for (int n = 0; n < _x.Shape[0]; n++)
            {
                for (int o = 0; o < Out; o++)
                {
                    double g = outputGradient[n, o];
                    _gradients[Bias + o] += g * BiasGradientScale;
                    for (int i = 0; i < In; i++)
                    {
                        _gradients[(i * Out) + o] += _x[n, i] * g;
                        dx[n, i] += _values[(i * Out) + o] * g;
                    }
                }
            }

            return dx;
        }

        private Parameter<double> BiasParameter() =>
            Parameter<double>.Over("b", new ArraySegment<double>(_values, _biasAt, Out), new ArraySegment<double>(_gradients, _biasAt, Out), Out);
    }

    /// <summary>An embedding table of 4 rows of 2 in a segment of a larger buffer, followed by the library's padding.</summary>
    private sealed class SegmentEmbedding : ILayer<double>
    {
        private const int Rows = 4, Width = 2, At = 3;
        private readonly double[] _values = new GradientCase(6).Normal<double>(16).Data;
        private readonly double[] _gradients = new double[16];
        private int[] _indices = [];

        public IReadOnlyList<Parameter<double>> Parameters { get; }

        public SegmentEmbedding() =>
            Parameters = [Parameter<double>.Over("table", new ArraySegment<double>(_values, At, Rows * Width), new ArraySegment<double>(_gradients, At, Rows * Width), Rows, Width)];

        public Tensor<double> Forward(Tensor<double> input)
        {
            _indices = input.Data.Select(i => (int)i).ToArray();
            var y = new Tensor<double>(_indices.Length, Width);
            for (int n = 0; n < _indices.Length; n++)
            {
                for (int d = 0; d < Width; d++)
                {
                    y[n, d] = _values[At + (_indices[n] * Width) + d];
                }
            }

            return y;
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient)
        {
            for (int n = 0; n < _indices.Length; n++)
            {
                for (int d = 0; d < Width; d++)
                {
                    _gradients[At + (_indices[n] * Width) + d] += outputGradient[n, d];
                }
            }

            return null;
        }
    }
}
