namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// Issue 22, class E: inputs near the edge of a function's domain (−log p and 1/x near 0, √x near 0, a cross-entropy
/// on probabilities), where a step or a later opinion's ±4h can cross it. Each value is drawn within ±20% of the point
/// the name gives.
/// </summary>
internal static class DomainEdgeKinds
{
    public static IEnumerable<FuzzKind<T>> All<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return Near("NegativeLog@0.004", () => new NegativeLog<T>(), 0.004, FloatTypes.Both);
        yield return Near("NegativeLog@0.015", () => new NegativeLog<T>(), 0.015, FloatTypes.Float);
        yield return Near("NegativeLog@2e-5", () => new NegativeLog<T>(), 2e-5, FloatTypes.Double);
        yield return Near("SquareRoot@0.01", () => new SquareRoot<T>(), 0.01, FloatTypes.Both);
        yield return Near("Reciprocal@0.003", () => new Reciprocal<T>(), 0.003, FloatTypes.Float);
        yield return Near("Reciprocal@2e-5", () => new Reciprocal<T>(), 2e-5, FloatTypes.Double);
        yield return new FuzzKind<T>("CrossEntropyOnProbabilities", [IssueClass.DomainEdges], c =>
        {
            int batch = c.Dim("batch", 1, 4), classes = c.Dim("classes", 2, 6);
            var labels = Draws.Labels(c, batch, classes);
            return new LayerSubject<T>(new CrossEntropyOnProbabilities<T>(labels), Draws.Probabilities<T>(c, 2, batch, classes));
        }, Plant.Scaled<T>("input"));
    }

    /// <summary>An element-wise function on inputs uniform within ±20% of <paramref name="point"/>.</summary>
    private static FuzzKind<T> Near<T>(string name, Func<ILayer<T>> layer, double point, FloatTypes types) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(name, [IssueClass.DomainEdges], c => new LayerSubject<T>(layer(), c.Uniform<T>(0.8 * point, 1.2 * point, c.Dim("batch", 1, 3), c.Dim("features", 1, 6))),
            Plant.Scaled<T>("input"))
        {
            Types = types,
        };
}
