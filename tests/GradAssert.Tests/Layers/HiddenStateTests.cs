using GradAssert.Tests.Support;
using Zoo = GradAssert.Examples.Layers;

namespace GradAssert.Tests.Layers;

/// <summary>
/// A layer's own numeric state (running statistics, counters, caches, in nested layers and lists of them too) is put
/// back after a check without being asked; when Forward changes such state and its output depends on it, the contract
/// error names the field, and a layer with its own random generator is pointed at IStatefulLayer and ResetState.
/// </summary>
public sealed class HiddenStateTests
{
    private static Tensor<double> Input() => new GradientCase(8).Normal<double>(4, 3);

    [Fact]
    public void A_training_mode_batch_norm_passes_and_its_running_statistics_are_left_where_they_were()
    {
        var norm = new Zoo.RunningBatchNorm<double>(3, seed: 1);

        var report = GradCheck.Layer(norm, Input());

        report.Passed.ShouldBeTrue(report.ToString());
        norm.RunningMean.ShouldBe([0.0, 0.0, 0.0]);
        norm.RunningVariance.ShouldBe([1.0, 1.0, 1.0]);
    }

    [Fact]
    public void The_running_statistics_of_a_batch_norm_inside_a_model_and_inside_a_composite_are_put_back_too()
    {
        var inModel = new Zoo.RunningBatchNorm<double>(3, seed: 1);
        var inBlock = new Zoo.RunningBatchNorm<double>(3, seed: 2);
        var model = new Sequential<double>(new Dense<double>(3, 3, seed: 3), inModel, new NormBlock([inBlock]));

        GradCheck.Layer(model, Input()).Passed.ShouldBeTrue();

        inModel.RunningMean.ShouldBe([0.0, 0.0, 0.0]);
        inBlock.RunningMean.ShouldBe([0.0, 0.0, 0.0]);
    }

    [Fact]
    public void State_is_put_back_also_when_the_layer_throws_half_way()
    {
        var norm = new Zoo.RunningBatchNorm<double>(3, seed: 1);
        var throwing = new ThrowsInBackward(norm);

        Should.Throw<InvalidOperationException>(() => GradCheck.Layer(throwing, Input()));

        norm.RunningMean.ShouldBe([0.0, 0.0, 0.0]);
    }

    [Fact]
    public void Tensors_a_layer_keeps_are_put_back_and_its_call_counters_keep_counting()
    {
        var layer = new CountingScale();

        GradCheck.Layer(layer, Input()).Passed.ShouldBeTrue();

        layer.LastOutput.ShouldBeNull();
        layer.Calls.ShouldBeGreaterThan(2);
    }

    [Fact]
    public void A_forward_that_depends_on_a_counter_it_changes_is_named_by_the_counter()
    {
        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(new WarmingUp(), Input()));

        error.Message.ShouldContain("Forward changed `_step` of `WarmingUp` (was ");
    }

    [Fact]
    public void A_forward_that_depends_on_state_it_changes_is_named_by_the_field()
    {
        var norm = new Zoo.RunningBatchNorm<double>(3, seed: 1) { NormalizesWithRunningStatistics = true };

        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(norm, Input()));

        error.Message.ShouldStartWith("Layer 'BatchNorm' breaks the layer contract. Forward is not deterministic: the same input gave output[0,0] = ");
        error.Message.ShouldContain("Forward changed `RunningMean` of `BatchNorm` (RunningMean[0] was ");
        error.Message.ShouldContain("`RunningVariance` of `BatchNorm`");
        error.Message.ShouldNotContain("_normalized"); // a cache Forward rewrites, not state it reads
        error.Message.ShouldContain("Implement IStatefulLayer on `BatchNorm`");
        norm.RunningMean.ShouldBe([0.0, 0.0, 0.0]);
    }

    [Fact]
    public void A_layer_with_its_own_random_generator_is_pointed_at_IStatefulLayer_and_ResetState()
    {
        var error = Should.Throw<LayerContractException>(() => GradCheck.Layer(new NoisyDropout(seed: 3), Input()));

        error.Message.ShouldContain("`NoisyDropout` draws from a random generator of its own (`_random`), which a check cannot copy");
        error.Message.ShouldContain("Implement IStatefulLayer on `NoisyDropout`");
        error.Message.ShouldContain("ResetState = () => … } to put it back and reseed the generator yourself; fixing the seed once is not enough");
    }

    [Fact]
    public void A_layer_whose_generator_the_test_reseeds_is_checked()
    {
        var dropout = new NoisyDropout(seed: 3);

        var report = GradCheck.Layer(dropout, Input(), new GradCheckOptions { ResetState = () => dropout.Reseed(3) });

        report.Passed.ShouldBeTrue(report.ToString());
    }

    /// <summary>A composite holding its norms in a list, calling them in turn.</summary>
    private sealed class NormBlock(List<Zoo.RunningBatchNorm<double>> norms) : ILayer<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => [.. norms.SelectMany(n => n.Parameters)];

        public Tensor<double> Forward(Tensor<double> input) => norms.Aggregate(input, (x, norm) => norm.Call(x));

        public Tensor<double>? Backward(Tensor<double> outputGradient) =>
            Enumerable.Reverse(norms).Aggregate(outputGradient, (g, norm) => norm.Backward(g)!);
    }

    /// <summary>A batch norm whose Backward throws: the check stops half-way.</summary>
    private sealed class ThrowsInBackward(Zoo.RunningBatchNorm<double> norm) : ILayer<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => norm.Parameters;

        public Tensor<double> Forward(Tensor<double> input) => norm.Forward(input);

        public Tensor<double>? Backward(Tensor<double> outputGradient) => throw new InvalidOperationException("not written yet");
    }

    /// <summary>y = 2x, counting its calls and keeping its last output: state that does not change what it computes.</summary>
    private sealed class CountingScale : ILayer<double>
    {
        public int Calls { get; private set; }

        public Tensor<double>? LastOutput { get; private set; }

        public IReadOnlyList<Parameter<double>> Parameters => [];

        public Tensor<double> Forward(Tensor<double> input)
        {
            Calls++;
            LastOutput = new Tensor<double>(input.Shape.ToArray(), input.Data.Select(x => 2 * x).ToArray());
            return LastOutput.Clone();
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) =>
            new(outputGradient.Shape.ToArray(), outputGradient.Data.Select(g => 2 * g).ToArray());
    }

    /// <summary>y = x·min(1, step/10), its step counted up by every Forward: a warm-up schedule inside the layer.</summary>
    private sealed class WarmingUp : ILayer<double>
    {
        private int _step;

        public IReadOnlyList<Parameter<double>> Parameters => [];

        public Tensor<double> Forward(Tensor<double> input)
        {
            double scale = Math.Min(1, ++_step / 10.0);
            return new Tensor<double>(input.Shape.ToArray(), input.Data.Select(x => x * scale).ToArray());
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) => outputGradient;
    }

    /// <summary>Training-mode dropout drawing its mask from a generator of its own, as users write it.</summary>
    private sealed class NoisyDropout(int seed) : ILayer<double>
    {
        private Random _random = new(seed);
        private bool[] _keep = [];

        public IReadOnlyList<Parameter<double>> Parameters => [];

        public void Reseed(int value) => _random = new Random(value);

        public Tensor<double> Forward(Tensor<double> input)
        {
            _keep = input.Data.Select(_ => _random.NextDouble() >= 0.5).ToArray();
            return new Tensor<double>(input.Shape.ToArray(), input.Data.Select((x, i) => _keep[i] ? 2 * x : 0).ToArray());
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) =>
            new(outputGradient.Shape.ToArray(), outputGradient.Data.Select((g, i) => _keep[i] ? 2 * g : 0).ToArray());
    }
}
