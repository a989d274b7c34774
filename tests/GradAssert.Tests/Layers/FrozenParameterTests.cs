using GradAssert.Tests.Support;

namespace GradAssert.Tests.Layers;

/// <summary>
/// Freezing belongs to the storage, not to one Parameter object: the idioms users write (an expression-bodied
/// <c>Parameters => [W.AsFrozen(), B]</c>, a composite freezing a sub-layer's parameters, parameters over a library's
/// storage made anew on every call) all check as the same layer written with fields.
/// </summary>
public sealed class FrozenParameterTests
{
    private static Tensor<double> Input() => new GradientCase(8).Normal<double>(3, 4);

    [Fact]
    public void An_expression_bodied_parameters_list_with_a_frozen_weight_is_checked_not_refused_as_lazily_built()
    {
        var layer = new Affine(4, 3, seed: 1);

        var report = GradCheck.Layer(layer, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Select(t => t.Tensor).ShouldBe(["b", "input"]);
        report.Warnings.ShouldContain("Affine.W is frozen: left out of the check");
    }

    [Fact]
    public void The_frozen_weight_is_really_left_out_and_the_bias_still_judged()
    {
        var wrongWeight = GradCheck.Layer(new Affine(4, 3, seed: 1) { WeightGradientScale = 2 }, Input());
        var wrongBias = GradCheck.Layer(new Affine(4, 3, seed: 1) { BiasGradientScale = 2 }, Input());

        wrongWeight.Passed.ShouldBeTrue(wrongWeight.ToString());
        wrongBias.Failures.Select(t => t.Tensor).ShouldBe(["b"]);
    }

    [Fact]
    public void A_composite_that_freezes_a_sub_layers_parameters_leaves_them_out_of_the_sub_layers_own_check_too()
    {
        var block = new FrozenFirstBlock(seed: 2, secondWeightGradientScale: 1);

        var report = GradCheck.Layer(block, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Tensors.Where(t => t.Layer == "Dense#1").Select(t => t.Tensor).ShouldBe(["input"]);
        report.Warnings.ShouldContain("Dense#1.W is frozen: left out of the check");
        report.Warnings.ShouldContain("Dense#1.b is frozen: left out of the check");
    }

    [Fact]
    public void A_composite_that_freezes_a_sub_layer_still_blames_the_other_one()
    {
        var report = GradCheck.Layer(new FrozenFirstBlock(seed: 2, secondWeightGradientScale: 1.5), Input());

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Dense#2"]);
    }

    [Fact]
    public void Parameters_over_a_librarys_storage_made_anew_on_every_call_are_checked()
    {
        var right = GradCheck.Layer(new ScaleOverCalls([0.5, -1.5, 2, 0.25]), Input());
        var wrong = GradCheck.Layer(new ScaleOverCalls([0.5, -1.5, 2, 0.25]) { GradientScale = 1.01 }, Input());

        right.Passed.ShouldBeTrue(right.ToString());
        right.Tensors.Single(t => t.Tensor == "s").Checked.ShouldBe(4);
        wrong.Failures.Select(t => t.Tensor).ShouldBe(["s"]);
    }

    /// <summary>y = x·W + b with W frozen, written as users write it: a new frozen object on every call.</summary>
    private sealed class Affine(int inputs, int outputs, int seed) : ILayer<double>
    {
        private Tensor<double> _x = new(0);

        public Parameter<double> W { get; } = new("W", new GradientCase(seed).Normal<double>(inputs, outputs));

        public Parameter<double> B { get; } = new("b", new GradientCase(seed + 1).Normal<double>(outputs));

        public double WeightGradientScale { get; init; } = 1;

        public double BiasGradientScale { get; init; } = 1;

        public IReadOnlyList<Parameter<double>> Parameters => [W.AsFrozen(), B];

        public Tensor<double> Forward(Tensor<double> x)
        {
            _x = x.Clone();
            var y = new Tensor<double>(x.Shape[0], outputs);
            for (int n = 0; n < x.Shape[0]; n++)
            {
                for (int j = 0; j < outputs; j++)
                {
                    y[n, j] = B.Value[j];
                    for (int i = 0; i < inputs; i++)
                    {
                        y[n, j] += x[n, i] * W.Value[i, j];
                    }
                }
            }

            return y;
        }

        public Tensor<double>? Backward(Tensor<double> dy)
        {
            var dx = new Tensor<double>(_x.Shape[0], inputs);
            for (int n = 0; n < _x.Shape[0]; n++)
            {
                for (int j = 0; j < outputs; j++)
                {
                    B.Gradient[j] += dy[n, j] * BiasGradientScale;
                    for (int i = 0; i < inputs; i++)
                    {
                        W.Gradient[i, j] += _x[n, i] * dy[n, j] * WeightGradientScale;
                        dx[n, i] += W.Value[i, j] * dy[n, j];
                    }
                }
            }

            return dx;
        }
    }

    /// <summary>tanh(x·W₁ + b₁)·W₂ + b₂ with the first dense layer frozen (a pretrained encoder), its parameters frozen on every call.</summary>
    private sealed class FrozenFirstBlock(int seed, double secondWeightGradientScale) : ILayer<double>
    {
        private readonly Dense<double> _first = new(4, 5, seed);
        private readonly Tanh<double> _tanh = new();
        private readonly Dense<double> _second = new(5, 3, seed + 1) { WeightGradientScale = secondWeightGradientScale };

        public IReadOnlyList<Parameter<double>> Parameters => [.. _first.Parameters.Select(p => p.AsFrozen()), .. _second.Parameters];

        public Tensor<double> Forward(Tensor<double> input) => _second.Call(_tanh.Call(_first.Call(input)));

        public Tensor<double>? Backward(Tensor<double> outputGradient) => _first.Backward(_tanh.Backward(_second.Backward(outputGradient)!)!);
    }

    /// <summary>y = s ⊙ x per feature, s in a library's tensor, its Parameter made anew on every call.</summary>
    private sealed class ScaleOverCalls : ILayer<double>
    {
        private readonly LibraryTensor _s, _ds;
        private Tensor<double> _x = new(0);

        public ScaleOverCalls(double[] scales)
        {
            (_s, _ds) = (new LibraryTensor(scales.Length), new LibraryTensor(scales.Length));
            for (int i = 0; i < scales.Length; i++)
            {
                _s.Set(i, scales[i]);
            }

            Width = scales.Length;
        }

        public int Width { get; }

        public double GradientScale { get; init; } = 1;

        public IReadOnlyList<Parameter<double>> Parameters => [Parameter<double>.Over("s", [Width], _s.Get, _s.Set, _ds.Get, _ds.Set)];

        public Tensor<double> Forward(Tensor<double> input)
        {
            _x = input.Clone();
            return new Tensor<double>(input.Shape.ToArray(), input.Data.Select((x, i) => x * _s.Get(i % Width)).ToArray());
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient)
        {
            for (int i = 0; i < outputGradient.Length; i++)
            {
                _ds.Set(i % Width, _ds.Get(i % Width) + (outputGradient.Data[i] * _x.Data[i] * GradientScale));
            }

            return new Tensor<double>(outputGradient.Shape.ToArray(), outputGradient.Data.Select((g, i) => g * _s.Get(i % Width)).ToArray());
        }
    }
}
