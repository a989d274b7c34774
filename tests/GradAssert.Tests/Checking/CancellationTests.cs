using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Checking;

/// <summary>
/// A check stops within one forward pass of its token being cancelled (it looks before every call into the layer), throws
/// <see cref="OperationCanceledException"/>, and leaves every parameter, gradient and input as it found them.
/// </summary>
public sealed class CancellationTests
{
    [Theory]
    [InlineData(true, 3)]
    [InlineData(true, 40)]
    [InlineData(false, 3)]
    [InlineData(false, 40)]
    public void Cancelled_check_stops_within_one_forward_pass_and_restores_everything(bool grouping, int cancelAt)
    {
        // Counted, not timed: the token is cancelled inside the layer's forward number cancelAt, and the check may not
        // call Forward again. A forward pass of a real layer is what "within a second" comes down to.
        using var cancel = new CancellationTokenSource();
        var layer = new Counting(new Dense<double>(16, 24, seed: 1), cancelAt, cancel);
        var input = new GradientCase(2).Normal<double>(4, 16);
        var values = layer.Parameters.Select(p => p.Value.Data.ToArray()).ToArray();
        var gradients = layer.Parameters.Select(p => p.Gradient.Data.ToArray()).ToArray();
        var inputBits = input.Data.ToArray();

        Should.Throw<OperationCanceledException>(() => GradCheck.Layer(layer, input, new GradCheckOptions { Grouping = grouping }, cancel.Token));

        layer.Forwards.ShouldBe(cancelAt);
        layer.Parameters.Select(p => p.Value.Data).ShouldBe(values);
        layer.Parameters.Select(p => p.Gradient.Data).ShouldBe(gradients);
        input.Data.ShouldBe(inputBits);
    }

    [Fact]
    public void Gradient_assert_takes_a_token_too()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Should.Throw<OperationCanceledException>(() =>
            GradientAssert.Layer(new Dense<double>(3, 2, seed: 1), new GradientCase(2).Normal<double>(2, 3), null, cancel.Token));
    }

    [Fact]
    public void Token_that_is_never_cancelled_changes_nothing()
    {
        var input = new GradientCase(2).Normal<double>(2, 3);

        var report = GradCheck.Layer(new Dense<double>(3, 2, seed: 1), input, null, CancellationToken.None);

        report.ToString().ShouldBe(GradCheck.Layer(new Dense<double>(3, 2, seed: 1), input).ToString());
    }

    [Fact]
    public void Check_inside_a_case_stops_when_the_cases_token_is_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var @case = new GradientCase(1, 0, 1.0, null, cancel.Token);

        Should.Throw<OperationCanceledException>(() => GradAssert.Checking.CheckContext.Run(@case, _ =>
            GradCheck.Layer(new Dense<double>(3, 2, seed: 1), new GradientCase(2).Normal<double>(2, 3))));
    }

    /// <summary>A layer whose every Forward takes 10 ms.</summary>
    /// <summary>Cancels <paramref name="cancel"/> during its forward number <paramref name="cancelAt"/>, and counts them all.</summary>
    private sealed class Counting(ILayer<double> inner, int cancelAt, CancellationTokenSource cancel) : ILayer<double>
    {
        public int Forwards { get; private set; }

        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public Tensor<double> Forward(Tensor<double> input)
        {
            if (++Forwards == cancelAt)
            {
                cancel.Cancel();
            }

            return inner.Forward(input);
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) => inner.Backward(outputGradient);
    }
}
