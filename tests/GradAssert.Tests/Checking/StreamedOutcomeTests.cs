using GradAssert.Examples.Layers;

namespace GradAssert.Tests.Checking;

/// <summary>
/// An element-wise comparison keeps only each element's numerical derivative and verdict (<see cref="ElementOutcomes"/>),
/// set in whatever order groups, single elements and threads finish: the row it gives is the row of the outcomes held
/// whole and folded in order, bit for bit, under every tolerance, and a grouping abandoned part way, once some groups
/// have set their elements, gives the report of every element alone. (Parallel checks: <see cref="LayerFactoryTests"/>.)
/// </summary>
public sealed class StreamedOutcomeTests
{
    public static TheoryData<string> Tolerances => new("error model", "normalized difference", "allclose");

    [Theory]
    [MemberData(nameof(Tolerances))]
    public void Streamed_outcomes_give_the_same_row_as_outcomes_held_whole(string name)
    {
        var tolerance = name switch
        {
            "error model" => Tolerance.Auto,
            "normalized difference" => Tolerance.NormalizedDifference(1e-9),
            _ => Tolerance.AllClose(1e-9, 1e-6),
        };
        int[] shape = [7, 9];
        var (analytic, outcomes) = Outcomes(shape[0] * shape[1], seed: 4);

        var whole = new FigureAccumulator(tolerance, shape, directions: 0);
        for (int i = 0; i < outcomes.Length; i++)
        {
            whole.Add(i, outcomes[i]);
        }

        // Set out of order, as groups, single elements and threads finish.
        var streamed = new ElementOutcomes(ElementIndices.All(outcomes.Length), i => analytic[i]);
        foreach (int k in Enumerable.Range(0, outcomes.Length).OrderBy(k => (k * 37) % outcomes.Length))
        {
            streamed[k] = outcomes[k];
        }

        var folded = new FigureAccumulator(tolerance, shape, directions: 0);
        folded.AddAll(streamed);

        Figures(folded.Row("L", "W", CheckScope.Local, outcomes.Length)).ShouldBe(Figures(whole.Row("L", "W", CheckScope.Local, outcomes.Length)));
    }

    [Fact]
    public void Grouping_abandoned_part_way_gives_the_report_of_every_element_alone()
    {
        var input = new GradientCase(4).Normal<float>(1, 4);

        var grouped = GradCheck.Layer(new AbandonsLaterGroups(), input, new GradCheckOptions { Seed = 1 });
        var alone = GradCheck.Layer(new AbandonsLaterGroups(), input, new GradCheckOptions { Seed = 1, Grouping = false });

        grouped.ToJson().ShouldBe(alone.ToJson());
        grouped.Tensors.Single(t => t.Tensor == "W").TaylorTests.Count.ShouldBeGreaterThan(100);
    }

    /// <summary>
    /// Outcomes of every kind, with the analytic gradient they carry: passes, failures, kinks, unverifiable and unresolved
    /// elements, equal badness at two places, and Taylor tests as second opinions.
    /// </summary>
    private static (double[] Analytic, ElementOutcome[] Outcomes) Outcomes(int length, int seed)
    {
        var random = new Random(seed);
        var analytic = new double[length];
        var outcomes = new ElementOutcome[length];
        for (int i = 0; i < length; i++)
        {
            double g = random.NextDouble() - 0.5, n = g * (1 + ((random.NextDouble() - 0.5) * 1e-6));
            analytic[i] = g;
            var status = (i % 11) switch { 3 => ElementStatus.Failed, 5 => ElementStatus.Kink, 7 => ElementStatus.Unverifiable, _ => ElementStatus.Passed };
            outcomes[i] = new ElementOutcome(g, n, 1e-7 * Math.Abs(g), status, Unresolved: i % 13 == 2, Taylor: i % 6 == 1 ? Test(i) : null);
        }

        // The largest badness twice: the first by position is the worst, however the outcomes arrive.
        outcomes[40] = new ElementOutcome(analytic[40], analytic[40] + 1e-3, 1e-6, ElementStatus.Failed);
        outcomes[12] = new ElementOutcome(analytic[12], analytic[12] - 1e-3, 1e-6, ElementStatus.Failed);
        return (analytic, outcomes);
    }

    /// <summary>A Taylor test of its own for element <paramref name="i"/>: its remainders, and so its bound, are the element's.</summary>
    private static TaylorResult Test(int i)
    {
        var samples = TaylorSteps.Multiples.Select(m => new Sample(m * 1e-3, m * 1e-3 * (1 + (i * 1e-9)), m * 1e-3, 1)).ToArray();
        return TaylorReading.Read(new TaylorSteps(1e-3, samples, samples, 1e-16, floor: 0), 1e-12);
    }

    /// <summary>Every figure of a row, bits for numbers, and its Taylor tests in order with where each was taken.</summary>
    private static string Figures(TensorCheck row) => string.Join(
        "; ",
        BitConverter.DoubleToInt64Bits(row.Difference),
        BitConverter.DoubleToInt64Bits(row.MaxAbsError),
        string.Join(",", row.WorstIndex),
        BitConverter.DoubleToInt64Bits(row.AnalyticAtWorst),
        BitConverter.DoubleToInt64Bits(row.NumericalAtWorst),
        row.Checked,
        row.Failed,
        row.Unverifiable,
        row.Unresolved,
        row.Kinks,
        row.Passed,
        BitConverter.DoubleToInt64Bits(row.ConsistentRatio),
        BitConverter.DoubleToInt64Bits(row.ErrorToTolerance),
        row.Sampled,
        string.Join(",", row.TaylorTests.Select(t => $"{t.Along}#{BitConverter.DoubleToInt64Bits(t.Bound)}")));

    /// <summary>
    /// A wide float dense layer that keeps something of a call that moved several weights of a later row, and of no other
    /// row, into the next call: the unperturbed output right after such a call is off. Alone, no element moves more than
    /// itself; in groups, the first row's elements take their further opinions from the group, and the next group that
    /// re-checks the unperturbed output abandons grouping, so that every element is compared alone.
    /// </summary>
    private sealed class AbandonsLaterGroups : ILayer<float>
    {
        private readonly Dense<float> _dense = new(4, 3000, seed: 3);
        private readonly float[] _original;
        private bool _laterRowMoved;

        public AbandonsLaterGroups() => _original = [.. _dense.Parameters[0].Value.Data];

        public string Name => "AbandonsLaterGroups";

        public IReadOnlyList<Parameter<float>> Parameters => _dense.Parameters;

        public Tensor<float> Forward(Tensor<float> input)
        {
            var y = _dense.Forward(input);
            var w = _dense.Parameters[0].Value.Data;
            int firstRow = Enumerable.Range(0, 3000).Count(i => w[i] != _original[i]);
            int laterRows = Enumerable.Range(3000, w.Length - 3000).Count(i => w[i] != _original[i]);
            if (_laterRowMoved && firstRow + laterRows == 0)
            {
                y.Data[0] += 1e-3f;
            }

            _laterRowMoved = laterRows > 1 && firstRow == 0;
            return y;
        }

        public Tensor<float>? Backward(Tensor<float> outputGradient) => _dense.Backward(outputGradient);
    }
}
