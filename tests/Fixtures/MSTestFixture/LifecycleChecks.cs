namespace GradAssert.Fixtures;

// MSTest runs each case like a data row: class initialization first, then a fresh instance with [TestInitialize].
// The checks inside the case must still count for the case (its seed, its report).
[TestClass]
public class LifecycleChecks
{
    private BatchDense? _dense;

    [ClassInitialize]
    public static void Prepare(TestContext context) => GC.KeepAlive(context);

    [TestInitialize]
    public void CreateLayer() => _dense = new BatchDense(2, 2, seed: 3);

    [GradientCheck(Cases = 3)]
    public void Case_runs_after_class_and_test_initialize(GradientCase c) =>
        GradientAssert.Layer(_dense!, c.Normal<double>(c.Dim("batch", 1, 3), 2));
}
