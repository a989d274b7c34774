using GradAssert.Tests.Support;

namespace GradAssert.Tests.Trust;

/// <summary>Checks running at the same time never lose the user's data, and never judge each other's perturbations.</summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 32;

    [Fact]
    public async Task Thirty_two_checks_of_one_layer_instance_all_pass_and_leave_it_as_it_was()
    {
        var layer = new Dense<double>(12, 10, seed: 2);
        var before = State(layer);
        var input = new GradientCase(1).Normal<double>(6, 12);

        var reports = await AllAtOnce(Threads, _ => GradCheck.Layer(layer, input));

        reports.ShouldAllBe(r => r.Passed);
        reports.Select(r => r.ToString()).Distinct().Count().ShouldBe(1);
        State(layer).ShouldBe(before);
    }

    [Fact]
    public async Task Thirty_two_threads_started_after_a_check_all_pass_or_wait_and_none_is_refused()
    {
        // The threads start from a flow that has run a check: what that check held must not flow into them.
        var layer = new Dense<double>(12, 10, seed: 2);
        var input = new GradientCase(1).Normal<double>(6, 12);
        GradCheck.Layer(layer, input).Passed.ShouldBeTrue();

        var reports = await AllAtOnce(Threads, _ => GradCheck.Layer(layer, input));

        reports.ShouldAllBe(r => r.Passed);
        reports.Select(r => r.ToString()).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task Thirty_two_checks_sharing_one_input_never_change_it()
    {
        var input = new GradientCase(1).Normal<double>(6, 12);
        var before = input.Data.ToArray();

        var reports = await AllAtOnce(Threads, i => GradCheck.Layer(new Dense<double>(12, 10, seed: i), input));

        reports.ShouldAllBe(r => r.Passed);
        input.Data.ShouldBe(before);
    }

    [Fact]
    public async Task Two_models_sharing_a_layer_are_checked_one_after_the_other()
    {
        var shared = new Dense<double>(12, 12, seed: 3);
        var first = new Sequential<double>("first", shared, new Tanh<double>());
        var second = new Sequential<double>("second", new Tanh<double>(), shared);
        var before = State(shared);
        var input = new GradientCase(1).Normal<double>(6, 12);

        var reports = await AllAtOnce(8, i => GradCheck.Layer(i % 2 == 0 ? first : second, input));

        reports.ShouldAllBe(r => r.Passed);
        State(shared).ShouldBe(before);
    }

    [Fact]
    public void A_check_started_from_inside_a_check_of_the_same_layer_fails_at_once_instead_of_waiting_for_itself()
    {
        var layer = new Reentrant();

        var error = Should.Throw<InvalidOperationException>(() => GradCheck.Layer(layer, new GradientCase(1).Normal<double>(2, 2)));

        error.Message.ShouldContain("was started from inside another check of the same layer or parameters");
    }

    /// <summary>Runs <paramref name="check"/> on <paramref name="count"/> threads released together, so the checks overlap.</summary>
    private static async Task<GradientReport[]> AllAtOnce(int count, Func<int, GradientReport> check)
    {
        using var start = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return check(i);
            },
            TaskCreationOptions.LongRunning));
        return await Task.WhenAll(threads);
    }

    private static double[] State(ILayer<double> layer) =>
        layer.Parameters.SelectMany(p => p.Value.Data.Concat(p.Gradient.Data)).ToArray();

    /// <summary>A layer whose Forward checks the layer itself.</summary>
    private sealed class Reentrant : ILayer<double>
    {
        private bool _inside;

        public IReadOnlyList<Parameter<double>> Parameters => [];

        public Tensor<double> Forward(Tensor<double> input)
        {
            if (!_inside)
            {
                _inside = true;
                GradCheck.Layer(this, input);
            }

            return input.Clone();
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) => outputGradient.Clone();
    }
}
