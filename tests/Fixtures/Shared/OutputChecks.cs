#if NUNIT
using NUnit.Framework;
#elif XUNIT_V3
using Xunit;
#elif !MSTEST
using Xunit.Abstractions;
#endif

namespace GradAssert.Fixtures;

// The test's own output and the summary line must both reach the results. In xUnit the class takes the
// ITestOutputHelper itself here, which is the other path through the adapter's runner.
#if NUNIT
public class OutputChecks
{
    private static void WriteLine(string line) => TestContext.Out.WriteLine(line);
#elif MSTEST
[TestClass]
public class OutputChecks
{
    public TestContext TestContext { get; set; } = null!;

    private void WriteLine(string line) => TestContext.WriteLine(line);
#else
public class OutputChecks(ITestOutputHelper output)
{
    private void WriteLine(string line) => output.WriteLine(line);
#endif

    [GradientCheck(Cases = 3)]
    public void Own_output_and_summary_both_appear(GradientCase c)
    {
        WriteLine($"user line for case {c.Index}");
        var dense = new BatchDense(2, 2, c.Seed);
        GradientAssert.Layer(dense, c.Normal<double>(c.Dim("batch", 1, 4), dense.Inputs));
    }
}
