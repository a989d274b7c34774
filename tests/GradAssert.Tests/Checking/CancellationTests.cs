using System.Diagnostics;
using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Checking;

/// <summary>
/// A check stops within a second of its token being cancelled (it looks before every evaluation of the layer), throws
/// <see cref="OperationCanceledException"/>, and leaves every parameter, gradient and input as it found them.
/// </summary>
public sealed class CancellationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cancelled_check_stops_within_a_second_and_restores_everything(bool grouping)
    {
        var layer = new Slow(new Dense<double>(16, 24, seed: 1));
        var input = new GradientCase(2).Normal<double>(4, 16);
        var values = layer.Parameters.Select(p => p.Value.Data.ToArray()).ToArray();
        var gradients = layer.Parameters.Select(p => p.Gradient.Data.ToArray()).ToArray();
        var inputBits = input.Data.ToArray();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Should.Throw<OperationCanceledException>(() => GradCheck.Layer(layer, input, new GradCheckOptions { Grouping = grouping }, cancel.Token));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds(1));
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
    private sealed class Slow(ILayer<double> inner) : ILayer<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public Tensor<double> Forward(Tensor<double> input)
        {
            Thread.Sleep(10);
            return inner.Forward(input);
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) => inner.Backward(outputGradient);
    }
}
