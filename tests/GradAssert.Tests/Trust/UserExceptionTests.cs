using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Trust;

/// <summary>
/// What the user's layer throws surfaces as itself, with where the check was, whatever was running when it threw: a
/// probe, grouped differences, the probes of the tensor's structure, or an element alone. It is never read as evidence
/// (a group that does not verify), so a layer that throws once can never pass.
/// </summary>
public sealed class UserExceptionTests
{
    [Fact]
    public void Forward_that_throws_once_on_any_call_fails_the_check_with_its_own_exception()
    {
        var input = new GradientCase(1).Normal<double>(2, 6);
        var counting = new ThrowsOnce(new Dense<double>(6, 5, seed: 1), call: 0);
        GradCheck.Layer(counting, input).Passed.ShouldBeTrue();
        counting.Calls.ShouldBeGreaterThan(63, "the check of the 6×5 layer, grouped, makes more calls than the range the bug showed in");

        var passed = new List<int>();
        for (int call = 1; call <= counting.Calls; call++)
        {
            var layer = new ThrowsOnce(new Dense<double>(6, 5, seed: 1), call);
            try
            {
                GradCheck.Layer(layer, input);
                passed.Add(call);
            }
            catch (InvalidOperationException error)
            {
                error.Message.ShouldContain($"boom on call {call}");
                error.Message.ShouldContain("threw from Forward");
            }
        }

        passed.ShouldBeEmpty("a check whose layer threw on one of these calls passed");
    }

    [Fact]
    public void Forward_that_throws_while_a_group_is_moved_names_the_group()
    {
        var layer = new ThrowsOnce(new Dense<double>(6, 5, seed: 1), call: 0) { ThrowWhenMovedTogether = 3 };

        var error = Should.Throw<InvalidOperationException>(() => GradCheck.Layer(layer, new GradientCase(1).Normal<double>(2, 6)));

        error.Message.ShouldContain("threw from Forward while grouped finite differences had moved");
        error.Message.ShouldContain("elements of W at once (W[0,0]");
        error.InnerException.ShouldNotBeNull().Message.ShouldBe("boom: moved together");
    }

    /// <summary>
    /// A layer that throws from Forward on one call (counting from 1; 0: never), or whenever at least
    /// <see cref="ThrowWhenMovedTogether"/> of its weights differ from their values at the first call.
    /// </summary>
    private sealed class ThrowsOnce(Dense<double> inner, int call) : ILayer<double>
    {
        private double[]? _first;

        public int Calls { get; private set; }

        public int ThrowWhenMovedTogether { get; init; }

        public string Name => inner.Name;

        public IReadOnlyList<Parameter<double>> Parameters => inner.Parameters;

        public Tensor<double> Forward(Tensor<double> input)
        {
            Calls++;
            if (Calls == call)
            {
                throw new InvalidOperationException($"boom on call {call}");
            }

            var weights = inner.Parameters[0].Value.Data;
            _first ??= (double[])weights.Clone();
            if (ThrowWhenMovedTogether > 0 && weights.Where((w, i) => w != _first[i]).Count() >= ThrowWhenMovedTogether)
            {
                throw new InvalidOperationException("boom: moved together");
            }

            return inner.Forward(input);
        }

        public Tensor<double>? Backward(Tensor<double> outputGradient) => inner.Backward(outputGradient);
    }
}
