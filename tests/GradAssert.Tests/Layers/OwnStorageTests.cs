using GradAssert.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace GradAssert.Tests.Layers;

/// <summary>Parameters over the user's own storage, frozen parameters, and hidden state, without copying by hand.</summary>
public sealed class OwnStorageTests
{
    private static Tensor<double> Input() => new GradientCase(8).Normal<double>(3, 4);

    private static (double[] Values, double[] Gradients) Buffers()
    {
        var values = new GradientCase(5).Normal<double>(40).Data;
        return (values, new double[40]);
    }

    [Fact]
    public void Weights_in_a_segment_of_a_bigger_buffer_are_checked_and_the_buffer_left_as_it_was()
    {
        var (values, gradients) = Buffers();
        var before = values.Concat(gradients).ToArray();

        var report = GradCheck.Layer(new SegmentDense(values, gradients, 4, 3, offset: 7), Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Select(t => $"{t.Tensor} {t.Checked}").ShouldBe(["W 12", "b 3", "input 12"]);
        values.Concat(gradients).ShouldBe(before);
    }

    [Fact]
    public void A_wrong_weight_gradient_written_into_a_segment_is_caught()
    {
        var (values, gradients) = Buffers();

        var report = GradCheck.Layer(new SegmentDense(values, gradients, 4, 3, offset: 7) { WeightGradientScale = 1.01 }, Input());

        report.Failures.Select(t => t.Tensor).ShouldBe(["W"]);
    }

    [Fact]
    public void Weights_in_a_column_major_matrix_are_checked_by_row_major_index()
    {
        var w = Matrix<double>.Build.Dense(4, 4, (r, c) => Math.Sin((3 * r) + c));

        var report = GradCheck.Layer(new MatrixDense(w), Input());
        var broken = GradCheck.Layer(new MatrixDense(w) { TransposesWeightGradient = true }, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        broken.Failures.Select(t => t.Tensor).ShouldBe(["W"]);
        w[1, 2].ShouldBe(Math.Sin(5));
    }

    [Fact]
    public void Weights_reachable_only_through_get_and_set_are_checked()
    {
        var report = GradCheck.Layer(new LibraryScale([0.5, -1.5, 2, 0.25]), Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Single(t => t.Tensor == "s").Checked.ShouldBe(4);
    }

    [Fact]
    public void Weights_in_a_librarys_own_tensor_type_are_checked_with_the_access_said_once()
    {
        var right = GradCheck.Layer(new AccessedScale([0.5, -1.5, 2, 0.25]), Input());
        var wrong = GradCheck.Layer(new AccessedScale([0.5, -1.5, 2, 0.25]) { GradientScale = 1.01 }, Input());

        right.Passed.ShouldBeTrue(right.ToString());
        right.Tensors.Single(t => t.Tensor == "s").Checked.ShouldBe(4);
        wrong.Failures.Select(t => t.Tensor).ShouldBe(["s"]);
    }

    /// <summary>y = s ⊙ x per feature, s in a <see cref="LibraryTensor"/>, its parameter made anew on every call through one access.</summary>
    private sealed class AccessedScale : ILayer<double>
    {
        private static readonly ElementAccess<LibraryTensor, double> Access = new((t, i) => t.Get(i), (t, i, v) => t.Set(i, v));
        private readonly LibraryTensor _s, _ds;
        private readonly int _width;
        private Tensor<double> _x = new(0);

        public AccessedScale(double[] scales)
        {
            (_s, _ds, _width) = (new LibraryTensor(scales.Length), new LibraryTensor(scales.Length), scales.Length);
            for (int i = 0; i < scales.Length; i++)
            {
                _s.Set(i, scales[i]);
            }
        }

        public double GradientScale { get; init; } = 1;

        public IReadOnlyList<Parameter<double>> Parameters => [Access.Over("s", _s, _ds, _width)];

        public Tensor<double> Forward(Tensor<double> input)
        {
            _x = input.Clone();
            return new Tensor<double>(input.Shape.ToArray(), input.Data.Select((x, i) => x * _s.Get(i % _width)).ToArray());
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient)
        {
            for (int i = 0; i < outputGradient.Length; i++)
            {
                _ds.Set(i % _width, _ds.Get(i % _width) + (outputGradient.Data[i] * _x.Data[i] * GradientScale));
            }

            return new Tensor<double>(outputGradient.Shape.ToArray(), outputGradient.Data.Select((g, i) => g * _s.Get(i % _width)).ToArray());
        }
    }

    [Fact]
    public void Tied_parameters_over_one_segment_are_one_tensor()
    {
        var (values, _) = Buffers();
        var model = new Sequential<double>(
            "tied", new SegmentDense(values, new double[40], 4, 4, offset: 3), new Tanh<double>(), new SegmentDense(values, new double[40], 4, 4, offset: 3));

        var report = GradCheck.Layer(model, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Single(t => t.Scope == CheckScope.EndToEnd && t.Tensor == "W").SharedWith.ShouldBe(["SegmentDense#2"]);
    }

    [Fact]
    public void Parameters_over_overlapping_parts_of_one_buffer_are_refused()
    {
        var values = new double[8];
        var a = Parameter<double>.Over("A", new ArraySegment<double>(values, 0, 4), new ArraySegment<double>(new double[8], 0, 4), 4);
        var b = Parameter<double>.Over("B", new ArraySegment<double>(values, 2, 4), new ArraySegment<double>(new double[8], 2, 4), 4);
        var model = new Sequential<double>(new SharedScale("A", a), new SharedScale("B", b));

        Should.Throw<ArgumentException>(() => GradCheck.Layer(model, Input())).Message.ShouldContain("overlap in part");
    }

    [Fact]
    public void A_frozen_parameter_is_left_out_and_listed_as_frozen()
    {
        var dense = new Dense<double>(4, 3, seed: 1);
        var frozen = new FrozenBias(dense);

        var report = GradCheck.Layer(frozen, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Select(t => t.Tensor).ShouldBe(["W", "input"], report.ToString());
        report.Warnings.ShouldContain("FrozenBias.b is frozen: left out of the check", report.ToString());
    }

    [Fact]
    public void Dropout_with_its_generator_captured_and_restored_is_checked()
    {
        var dropout = new SeededDropout(seed: 11);

        var report = GradCheck.Layer(dropout, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        dropout.CaptureState().ShouldBe(0);
    }

    [Fact]
    public void Dropout_that_draws_a_new_mask_on_every_call_is_a_contract_error_without_a_reset()
    {
        Should.Throw<LayerContractException>(() => GradCheck.Layer(new SeededDropout(seed: 11).Opaque, Input()))
            .Message.ShouldContain("Forward is not deterministic");
    }

    [Fact]
    public void The_test_can_put_the_state_back_itself()
    {
        var dropout = new SeededDropout(seed: 11);

        var report = GradCheck.Layer(dropout.Opaque, Input(), new GradCheckOptions { ResetState = () => dropout.RestoreState(0) });

        report.Passed.ShouldBeTrue(report.ToString());
    }

    /// <summary>A dense layer whose bias is frozen.</summary>
    private sealed class FrozenBias(Dense<double> dense) : ILayer<double>
    {
        private readonly Parameter<double>[] _parameters = [dense.Parameters[0], dense.Parameters[1].AsFrozen()];

        public IReadOnlyList<Parameter<double>> Parameters => _parameters;

        public Tensor<double> Forward(Tensor<double> input) => dense.Forward(input);

        public Tensor<double>? Backward(Tensor<double> outputGradient) => dense.Backward(outputGradient);
    }

    [Fact]
    public void A_parameter_the_layer_never_reads_is_named_as_such_not_as_a_wrong_backward()
    {
        var (values, gradients) = Buffers();
        var stale = (double[])values.Clone();

        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(new SegmentDense(values, gradients, 4, 3, offset: 7) { StaleCopyOfValues = stale }, Input()));

        error.Message.ShouldStartWith("Layer 'SegmentDense' breaks the layer contract. Changing W does not change the output (not a single bit, with every element of W set to NaN)");
        error.Message.ShouldContain("is W the storage the layer reads?");
    }

    [Fact]
    public void A_parameter_wrapping_a_copy_of_the_weights_is_named_as_such()
    {
        var layer = new CopiedWeights(new Dense<double>(4, 3, seed: 2));

        Should.Throw<LayerContractException>(() => GradCheck.Layer(layer, Input())).Message.ShouldContain("Changing W does not change the output");
    }

    /// <summary>The classic adapter bug: the Parameter wraps a copy of the weights the layer really reads.</summary>
    private sealed class CopiedWeights(Dense<double> dense) : ILayer<double>
    {
        private readonly Parameter<double>[] _parameters =
        [
            new Parameter<double>("W", dense.Parameters[0].Value.Clone(), dense.Parameters[0].Gradient),
            dense.Parameters[1],
        ];

        public IReadOnlyList<Parameter<double>> Parameters => _parameters;

        public Tensor<double> Forward(Tensor<double> input) => dense.Forward(input);

        public Tensor<double>? Backward(Tensor<double> outputGradient) => dense.Backward(outputGradient);
    }
}
