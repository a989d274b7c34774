namespace GradAssert.Fixtures;

// Compiled into both fixtures with the same namespace, class and method names, so both frameworks derive the same
// seeds and must print the same messages. The failures are planted: the integration tests expect them. Each fixture
// project imports its adapter's namespace (Adapter.cs).
#if MSTEST
[TestClass]
#endif
public class DenseChecks
{
    [GradientCheck(Cases = 6)]
    public void Correct_dense_passes(GradientCase c)
    {
        var dense = new BatchDense(c.Dim("in", 1, 6), c.Dim("out", 1, 6), c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
    }

    // Few cases grow fast, so the first failing case draws a batch above 2 and shrinking has work to do.
    [GradientCheck(Cases = 4, Seed = 5)]
    public void Bias_bug_shrinks_to_batch_two(GradientCase c)
    {
        var dense = new BatchDense(c.Dim("in", 1, 6), c.Dim("out", 1, 6), c.Seed) { BiasSumsFirstRowOnly = true };
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
    }

    // The replay line printed by Bias_bug_shrinks_to_batch_two, pasted here: it must fail with the same case.
    [GradientCheck(Replay = "5:2:4")]
    public void Bias_bug_replayed(GradientCase c) => Bias_bug_shrinks_to_batch_two(c);

    [GradientCheck(Cases = 10)]
    public void Contract_break_is_reported(GradientCase c)
    {
        var dense = new BatchDense(c.Dim("in", 1, 6), c.Dim("out", 1, 6), c.Seed) { InputGradientTooWide = true };
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 8), dense.Inputs));
    }

    [GradientCheck(Cases = 10)]
    public void User_exception_names_its_case(GradientCase c)
    {
        int batch = c.Dim("batch", 1, 8);
        if (batch >= 3)
        {
            throw new InvalidOperationException($"batch {batch} is more than this layer supports");
        }

        var dense = new BatchDense(2, 2, c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(batch, dense.Inputs));
    }

    // Not a GradientCase parameter: the adapters must refuse it with a message that says what fits. The analyzer
    // reports it at build time (GA0001, an error); it is silenced here because the run-time refusal is under test.
#pragma warning disable GA0001
    [GradientCheck]
    public void Wrong_signature_is_refused(int batch) => GC.KeepAlive(batch);
#pragma warning restore GA0001
}
