namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// Issue 22, class A: outputs that are large or carry a large constant offset (1e3 to 1e9), where an allowance that
/// scales with the outputs' size rather than with the noise present lets a 1% error pass.
/// </summary>
internal static class LargeOutputKinds
{
    public static IEnumerable<FuzzKind<T>> All<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return Kind("Dense@outputs1e3", c => OffsetDense<T>(c, outputs: 1e3, inputs: 1), FloatTypes.Both, Plant.Scaled<T>("W"));
        yield return Kind("Dense@outputs1e6-inputs1e-2", c => OffsetDense<T>(c, outputs: 1e6, inputs: 1e-2), FloatTypes.Double, Plant.Scaled<T>("W"));
        yield return Kind("Dense@outputs1e9", c => OffsetDense<T>(c, outputs: 1e9, inputs: 1), FloatTypes.Double, Plant.Scaled<T>("W"));
        yield return Kind("HalfSquare+1e9", c => HalfSquare<T>(c, 1e9), FloatTypes.Double, Plant.Scaled<T>("input"));
        yield return Kind("HalfSquare+1e4", c => HalfSquare<T>(c, 1e4), FloatTypes.Float, Plant.Scaled<T>("input"));
        yield return Kind("ScaledTanh@1e4", c => new LayerSubject<T>(new ScaledTanh<T>(1e4), c.Normal<T>(c.Dim("batch", 1, 3), c.Dim("features", 1, 6))),
            FloatTypes.Both, Plant.Scaled<T>("input"));
    }

    private static FuzzKind<T> Kind<T>(string name, Func<GradientCase, Subject<T>> build, FloatTypes types, params Bug<T>[] bugs)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(name, [IssueClass.LargeOutputs], build, bugs) { Types = types };

    /// <summary>A dense layer whose bias puts every output near <paramref name="outputs"/>, on inputs of size <paramref name="inputs"/>.</summary>
    private static LayerSubject<T> OffsetDense<T>(GradientCase c, double outputs, double inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dense = new Dense<T>(c.Dim("in", 1, 6), c.Dim("out", 1, 6), Draws.LayerSeed(c));
        for (int j = 0; j < dense.Outputs; j++)
        {
            dense.B.Value.Data[j] += T.CreateChecked(outputs);
        }

        return new LayerSubject<T>(dense, Draws.Normal<T>(c, inputs, 0, c.Dim("batch", 1, 4), dense.Inputs));
    }

    private static LayerSubject<T> HalfSquare<T>(GradientCase c, double constant) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(new HalfSquarePlusConstant<T>(constant), c.Normal<T>(c.Dim("batch", 1, 3), c.Dim("features", 1, 6)));
}
