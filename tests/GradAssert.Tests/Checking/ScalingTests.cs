using GradAssert.Tests.Support;

namespace GradAssert.Tests.Checking;

/// <summary>Sampling of big tensors and parallel checks of cloneable layers.</summary>
public sealed class ScalingTests
{
    private static Tensor<double> Input => new GradientCase(12).Normal<double>(3, 20);

    [Fact]
    public void Tensor_above_the_element_budget_is_sampled_and_the_report_says_so()
    {
        var report = GradientAssert.Layer(new Dense<double>(20, 10, seed: 1), Input, new GradCheckOptions { MaxElements = 50, Reference = Reference.Differences });

        var w = report.Tensors.Single(t => t.Tensor == "W");
        w.Sampled.ShouldBeTrue();
        w.Checked.ShouldBe(50);
        report.ToString().ShouldContain("50 of 200");
        report.Tensors.Single(t => t.Tensor == "b").Sampled.ShouldBeFalse();
    }

    [Fact]
    public void Full_mode_never_samples()
    {
        var report = GradientAssert.Layer(new Dense<double>(20, 10, seed: 1), Input, new GradCheckOptions { MaxElements = 50, Mode = CheckMode.Full });

        report.Tensors.Single(t => t.Tensor == "W").Checked.ShouldBe(200);
    }

    [Fact]
    public void Sample_always_includes_the_largest_analytic_gradients()
    {
        var analytic = Enumerable.Range(0, 100).Select(i => i == 37 || i == 81 ? 1000.0 : 1.0 / (i + 1)).ToArray();

        int[] chosen = [.. TensorComparer<double>.Select(new CheckPlan(new GradCheckOptions { MaxElements = 8 }).Row("Dense", "W", analytic.Length, RowRole.Alone), analytic, Rng.For(3, 0))];

        chosen.Length.ShouldBe(8);
        chosen.ShouldContain(37);
        chosen.ShouldContain(81);
        chosen.ShouldBeInOrder();
        chosen.Distinct().Count().ShouldBe(8);
    }

    [Fact]
    public void Sampled_check_still_catches_a_bug_spread_over_the_tensor()
    {
        var report = GradCheck.Layer(new Dense<double>(20, 10, seed: 1) { WeightGradientScale = 1.001 }, Input, new GradCheckOptions { MaxElements = 20, Reference = Reference.Differences });

        report.Blamed.ShouldBe(["Dense"]);
    }

    [Fact]
    public void Parallel_check_gives_a_bitwise_identical_report()
    {
        var serial = GradCheck.Layer(new CloneableDense(20, 10, 2) { Bug = 1.0005 }, Input);
        var parallel = GradCheck.Layer(new CloneableDense(20, 10, 2) { Bug = 1.0005 }, Input, new GradCheckOptions { Parallelism = 3 });

        parallel.ToString().ShouldBe(serial.ToString());
        parallel.Tensors.Select(t => BitConverter.DoubleToInt64Bits(t.Difference)).ShouldBe(serial.Tensors.Select(t => BitConverter.DoubleToInt64Bits(t.Difference)));
        parallel.Tensors.Select(t => BitConverter.DoubleToInt64Bits(t.MaxAbsError)).ShouldBe(serial.Tensors.Select(t => BitConverter.DoubleToInt64Bits(t.MaxAbsError)));
        parallel.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Parallel_check_uses_the_clones()
    {
        var layer = new CloneableDense(20, 10, 2);

        GradientAssert.Layer(layer, Input, new GradCheckOptions { Parallelism = 2 });

        layer.Clones.ShouldBe(1);
    }

    [Fact]
    public void Clone_sharing_parameter_storage_is_a_contract_error()
    {
        var layer = new CloneableDense(4, 3, 2) { ShallowClone = true };

        Should.Throw<LayerContractException>(() => GradCheck.Layer(layer, new GradientCase(1).Normal<double>(2, 4), new GradCheckOptions { Parallelism = 2 }))
            .Message.ShouldContain("shares the storage of parameter 'W'");
    }

    [Fact]
    public void Progress_reports_each_tensor_from_start_to_end()
    {
        var reports = new List<CheckProgress>();
        var model = new Sequential<double>(new Dense<double>(20, 40, seed: 1, name: "wide"), new Tanh<double>());

        GradientAssert.Layer(model, Input, new GradCheckOptions { Progress = new Collect(reports), Reference = Reference.Differences });

        var wide = reports.Where(r => r.Layer == "wide" && r.Tensor == "W" && r.Scope == CheckScope.Local).ToArray();
        wide.First().ShouldBe(new CheckProgress("wide", "W", CheckScope.Local, 0, 800));
        wide.Last().ShouldBe(new CheckProgress("wide", "W", CheckScope.Local, 800, 800));
        wide.Select(r => r.Done).ShouldBeInOrder();
        wide.Length.ShouldBe(3);
        reports.Select(r => (r.Layer, r.Tensor, r.Scope)).Distinct().Count().ShouldBe(7);
    }

    /// <summary>Collects progress synchronously (Progress&lt;T&gt; would post to a thread pool).</summary>
    private sealed class Collect(List<CheckProgress> reports) : IProgress<CheckProgress>
    {
        public void Report(CheckProgress value) => reports.Add(value);
    }

    /// <summary>A dense layer that can clone itself; <see cref="Bug"/> scales its weight gradient.</summary>
    private sealed class CloneableDense(int inputs, int outputs, int seed) : ICloneableLayer<double>
    {
        private readonly Dense<double> _inner = new(inputs, outputs, seed);

        public double Bug { get; init; } = 1;

        public bool ShallowClone { get; init; }

        public int Clones { get; private set; }

        public string Name => "CloneableDense";

        public IReadOnlyList<Parameter<double>> Parameters => _inner.Parameters;

        public Tensor<double> Forward(Tensor<double> input) => _inner.Forward(input);

        public Tensor<double>? Backward(Tensor<double> outputGradient)
        {
            var dx = _inner.Backward(outputGradient);
            var w = Parameters[0].Gradient.Data;
            for (int i = 0; i < w.Length; i++)
            {
                w[i] *= Bug;
            }

            return dx;
        }

        public ILayer<double> Clone()
        {
            Clones++;
            if (ShallowClone)
            {
                return this;
            }

            var copy = new CloneableDense(inputs, outputs, seed) { Bug = Bug };
            for (int p = 0; p < Parameters.Count; p++)
            {
                Parameters[p].Value.Data.CopyTo(copy.Parameters[p].Value.Data, 0);
            }

            return copy;
        }
    }
}
