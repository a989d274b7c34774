using GradAssert.Tests.Support;

namespace GradAssert.Tests.Layers;

/// <summary>
/// A routed layer (a mixture of experts) whose router picks no row for one expert: that expert's parameters move no
/// output and have zero gradients, rightly. The report says the expert did not run, instead of rows of 0/0 without a
/// word, and does not fail for it.
/// </summary>
public sealed class RoutedLayerTests
{
    private static Tensor<double> Input() => new GradientCase(3).Normal<double>(4, 3);

    [Fact]
    public void An_expert_the_router_never_picks_is_said_not_to_have_run_and_does_not_fail_the_check()
    {
        var report = GradCheck.Layer(new Router(routes: [0, 2, 0, 2]), Input());

        report.Passed.ShouldBeTrue(report.ToString());
        report.Warnings.ShouldContain("_experts[1] (a Dense) did not run on this input: no call of it was seen during the forward pass, so its W and b moved no output and were not verified; check it with an input that reaches it");
        report.ToString().ShouldContain("did not run");
        report.Tensors.Where(t => t.Scope == CheckScope.Local).Select(t => t.Layer).Distinct().ShouldBe(["Dense#1", "Dense#2"]);
    }

    [Fact]
    public void A_wrong_expert_that_ran_is_still_blamed()
    {
        var report = GradCheck.Layer(new Router(routes: [0, 2, 0, 2], thirdWeightGradientScale: 1.5), Input());

        report.Passed.ShouldBeFalse();
        report.Blamed.ShouldBe(["Dense#2"]);
    }

    /// <summary>Each row goes to the expert its route names; the experts are dense layers called with .Call on their rows.</summary>
    private sealed class Router(int[] routes, double thirdWeightGradientScale = 1) : ILayer<double>
    {
        private readonly List<Dense<double>> _experts =
            [new(3, 2, seed: 1), new(3, 2, seed: 2), new(3, 2, seed: 3) { WeightGradientScale = thirdWeightGradientScale }];

        public IReadOnlyList<Parameter<double>> Parameters => [.. _experts.SelectMany(e => e.Parameters)];

        public Tensor<double> Forward(Tensor<double> input)
        {
            var output = new Tensor<double>(input.Shape[0], 2);
            for (int e = 0; e < _experts.Count; e++)
            {
                int[] rows = Rows(e);
                if (rows.Length == 0)
                {
                    continue;
                }

                var mine = new Tensor<double>([rows.Length, 3], rows.SelectMany(r => input.Data.Skip(r * 3).Take(3)).ToArray());
                var y = _experts[e].Call(mine);
                for (int k = 0; k < rows.Length; k++)
                {
                    Array.Copy(y.Data, k * 2, output.Data, rows[k] * 2, 2);
                }
            }

            return output;
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient)
        {
            var dx = new Tensor<double>(outputGradient.Shape[0], 3);
            for (int e = 0; e < _experts.Count; e++)
            {
                int[] rows = Rows(e);
                if (rows.Length == 0)
                {
                    continue;
                }

                var dy = new Tensor<double>([rows.Length, 2], rows.SelectMany(r => outputGradient.Data.Skip(r * 2).Take(2)).ToArray());
                var back = _experts[e].Backward(dy)!;
                for (int k = 0; k < rows.Length; k++)
                {
                    Array.Copy(back.Data, k * 3, dx.Data, rows[k] * 3, 3);
                }
            }

            return dx;
        }

        private int[] Rows(int expert) => Enumerable.Range(0, routes.Length).Where(r => routes[r] == expert).ToArray();
    }
}
