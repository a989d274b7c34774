namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// The cases earlier sessions named: layers whose output is the storage the check perturbs (an identity returning its
/// input, an evaluation-mode dropout, a reshape over the same array, a learned constant returning its parameter), a
/// wide dense layer on one input row whose units nearly cancel (64×250: the 64×2000 of the issue takes minutes a case
/// with grouping off, which compares its 128,000 weights one by one), and layers whose outputs nearly cancel.
/// </summary>
internal static class NamedKinds
{
    public static IEnumerable<FuzzKind<T>> All<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return Kind("IdentityReturningInput", c => new LayerSubject<T>(new IdentityReturningInput<T>(), Rows<T>(c)), Plant.Scaled<T>("input"));
        yield return Kind("DropoutInEvaluation", c => new LayerSubject<T>(new DropoutInEvaluation<T>(0.5), Rows<T>(c)), Plant.Scaled<T>("input"));
        yield return Kind("ReshapeOverSameArray", c =>
        {
            int rows = c.Dim("rows", 1, 3), columns = c.Dim("columns", 1, 3);
            return new LayerSubject<T>(new ReshapeOverSameArray<T>(rows, columns), c.Normal<T>(c.Dim("batch", 1, 3), rows * columns));
        }, Plant.Scaled<T>("input"));
        yield return Kind("LearnedConstant", c =>
        {
            var constant = new LearnedConstant<T>(c.Normal<T>(c.Dim("rows", 1, 3), c.Dim("columns", 1, 4)));
            return new LayerSubject<T>(constant, c.Normal<T>(c.Dim("batch", 1, 2), c.Dim("features", 1, 3)));
        }, Plant.Scaled<T>("constant"));

        yield return new FuzzKind<T>("WideDense64x250@oneRow", [IssueClass.Named], c =>
        {
            var dense = new Dense<T>(64, 250, Draws.LayerSeed(c));
            return new LayerSubject<T>(dense, c.Normal<T>(1, 64));
        }, Plant.Scaled<T>("W"))
        {
            Types = FloatTypes.Double,
            Heavy = true,
        };

        yield return Kind("Dense@outputsNearlyCancel", c =>
        {
            // Inputs of size 10 and a bias that cancels each unit's sum down to about 1e-3: the outputs are what is
            // left after terms a thousand times larger cancel.
            var dense = new Dense<T>(c.Dim("in", 4, 16), c.Dim("out", 1, 6), Draws.LayerSeed(c));
            var x = Draws.Normal<T>(c, 10, 0, 1, dense.Inputs);
            var left = Draws.Normal<double>(c, 1e-3, 0, dense.Outputs);
            for (int j = 0; j < dense.Outputs; j++)
            {
                T sum = T.Zero;
                for (int i = 0; i < dense.Inputs; i++)
                {
                    sum += x.Data[i] * dense.W.Value.Data[(i * dense.Outputs) + j];
                }

                dense.B.Value.Data[j] = T.CreateChecked(left.Data[j]) - sum;
            }

            return new LayerSubject<T>(dense, x);
        }, Plant.Scaled<T>("W"), Plant.Scaled<T>("input"));

        // Found 2026-12-07: the exact reference's comparison along a gradient's own direction summed n copies of one
        // value where the gradient is constant along a reduced axis (fixed by jittering the direction), and a backward
        // that accumulates one value n times rounds, in float, beyond what a sample of random roundings allows.
        yield return new FuzzKind<T>("MeanOfLongRows", [IssueClass.Named], c =>
            new LayerSubject<T>(new MeanOfRows<T>(), c.Normal<T>(c.Dim("batch", 1, 2), c.Dim("columns", 256, 1024))),
            Plant.Scaled<T>("input"))
        {
            Heavy = true, // the subset's time: its cases have up to 2,048 elements and pass
        };

        yield return Kind("ShiftThenSumOfLongRows", c =>
            new LayerSubject<T>(new ShiftThenRowSum<T>(T.CreateChecked(0.3)), c.Normal<T>(c.Dim("batch", 1, 2), c.Dim("columns", 256, 1024))),
            Plant.Scaled<T>("shift"), Plant.Scaled<T>("input"));

        yield return Kind("ExpMinusOneMinusX@0.01", c =>
            new LayerSubject<T>(new ExpMinusOneMinusX<T>(), Draws.Normal<T>(c, 0.01, 0, c.Dim("batch", 1, 3), c.Dim("features", 1, 6))),
            Plant.Scaled<T>("input"));
    }

    private static FuzzKind<T> Kind<T>(string name, Func<GradientCase, Subject<T>> build, params Bug<T>[] bugs)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(name, [IssueClass.Named], build, bugs);

    private static Tensor<T> Rows<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T> =>
        c.Normal<T>(c.Dim("batch", 1, 3), c.Dim("features", 1, 6));
}
