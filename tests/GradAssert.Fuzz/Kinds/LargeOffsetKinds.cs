namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// Issue 22, classes B and F: smooth layers on inputs with a large offset (LayerNorm at 3e5 ± 1, softmax over
/// −1e5 ± 1, a Gaussian RBF at 4e5), where a step proportional to |x| is as large as the function's own scale.
/// Broken variants that pass are class B; correct code that fails is class F.
/// </summary>
internal static class LargeOffsetKinds
{
    public static IEnumerable<FuzzKind<T>> All<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        IssueClass[] missesFirst = [IssueClass.LargeOffsetInputs, IssueClass.Unverifiable];
        IssueClass[] alarmsFirst = [IssueClass.Unverifiable, IssueClass.LargeOffsetInputs];
        yield return Kind("LayerNorm@3e5", missesFirst, c => OffsetLayerNorm<T>(c, 3e5), FloatTypes.Double);
        yield return Kind("LayerNorm@200", missesFirst, c => OffsetLayerNorm<T>(c, 200), FloatTypes.Float);
        yield return Kind("Softmax@-1e5", missesFirst, c =>
            new LayerSubject<T>(new Softmax<T>(), Draws.Normal<T>(c, 1, -1e5, c.Dim("batch", 1, 3), c.Dim("classes", 2, 6))), FloatTypes.Both);
        yield return Kind("GaussianRbf@4e5-sigma10", missesFirst, c => OffsetRbf<T>(c, 4e5, 10), FloatTypes.Double);
        yield return Kind("BatchNorm@1e5", missesFirst, c =>
        {
            var norm = new BatchNorm<T>(c.Dim("features", 1, 6), seed: Draws.LayerSeed(c));
            return new LayerSubject<T>(norm, Draws.Normal<T>(c, 1, 1e5, c.Dim("batch", 3, 5), norm.Features));
        }, FloatTypes.Double);
        yield return Kind("LayerNorm@1e5", alarmsFirst, c => OffsetLayerNorm<T>(c, 1e5), FloatTypes.Double);
        yield return Kind("GaussianRbf@4e5-sigma5", alarmsFirst, c => OffsetRbf<T>(c, 4e5, 5), FloatTypes.Double);
    }

    private static FuzzKind<T> Kind<T>(string name, IssueClass[] classes, Func<GradientCase, Subject<T>> build, FloatTypes types)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(name, classes, build, Plant.Scaled<T>("input")) { Types = types };

    /// <summary>LayerNorm of 3 to 8 features (see the ordinary kind) on <paramref name="offset"/> + N(0, 1).</summary>
    private static LayerSubject<T> OffsetLayerNorm<T>(GradientCase c, double offset) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var norm = new LayerNorm<T>(c.Dim("features", 3, 8), seed: Draws.LayerSeed(c));
        return new LayerSubject<T>(norm, Draws.Normal<T>(c, 1, offset, c.Dim("batch", 1, 3), norm.Features));
    }

    /// <summary>A Gaussian RBF of width <paramref name="sigma"/> whose inputs and centres are <paramref name="offset"/> + σ·N(0, 1).</summary>
    private static LayerSubject<T> OffsetRbf<T>(GradientCase c, double offset, double sigma) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int features = c.Dim("features", 1, 3);
        var rbf = new GaussianRbf<T>(Draws.Normal<T>(c, sigma, offset, c.Dim("units", 1, 4), features), sigma);
        return new LayerSubject<T>(rbf, Draws.Normal<T>(c, sigma, offset, c.Dim("batch", 1, 3), features));
    }
}
