namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// Issue 22, class C: ties. Max pooling over integer-valued and 8-bit inputs, whose broken variant is the classic
/// <c>x == max</c> mask (each tied maximum alone matches a one-sided slope; only their sum is wrong); an overlapping
/// 3×3 stride-2 max-pool over a ReLU's zeros; order statistics (sort, median, top-k) over values with ties; and three
/// kinks meeting at one point.
/// </summary>
internal static class TieKinds
{
    public static IEnumerable<FuzzKind<T>> All<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return Pool<T>("MaxPool2D@integers", (c, shape) => c.Integers<T>(0, 9, shape));
        yield return Pool<T>("MaxPool2D@8bit", Draws.Pixels<T>);

        yield return Kind("MaxPool3x3s2@ReLU", c =>
        {
            // N(−1, 1): most values are negative, so many windows see only the ReLU's zeros and tie at 0.
            var x = Draws.Normal<T>(c, 1, -1, c.Dim("batch", 1, 2), c.Dim("channels", 1, 2), c.Dim("height", 3, 7), c.Dim("width", 3, 7));
            return new LayerSubject<T>(new Sequential<T>("ReluPool", new ReLU<T>(), new MaxPool2D<T>(3, 2)), x);
        },
            Plant.Replaced<T>("max-mask", _ => new Sequential<T>("ReluPool", new ReLU<T>(), new MaxPoolWithEqualityMask<T>(3, 2))),
            Plant.ScaledInside<T>("pool-input-scaled", 1, "input"));

        yield return Kind("SortRows@ties", c => Rows(c, new SortRows<T>(), c.Dim("width", 2, 6)), Plant.Scaled<T>("input"));
        yield return Kind("MedianOfRows@ties", c => Rows(c, new MedianOfRows<T>(), (2 * c.Dim("half", 1, 3)) + 1), Plant.Scaled<T>("input"));
        yield return Kind("TopKOfRows@ties", c =>
        {
            int width = c.Dim("width", 2, 6);
            return Rows(c, new TopKOfRows<T>(c.Dim("k", 1, width)), width);
        }, Plant.Scaled<T>("input"));

        yield return Kind("ReluPlusAbsPlusClamp@0", c =>
        {
            var x = Draws.HalfZeros(c, c.Normal<T>(c.Dim("batch", 1, 3), c.Dim("features", 1, 6)));
            return new LayerSubject<T>(new ReluPlusAbsPlusClamp<T>(0.5), x);
        }, Plant.Scaled<T>("input"));
    }

    private static FuzzKind<T> Kind<T>(string name, Func<GradientCase, Subject<T>> build, params Bug<T>[] bugs)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(name, [IssueClass.Ties], build, bugs);

    /// <summary>Max pooling (size 2 or 3, stride the size) over whole numbers drawn by <paramref name="values"/>.</summary>
    private static FuzzKind<T> Pool<T>(string name, Func<GradientCase, int[], Tensor<T>> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        Kind(name, c =>
        {
            int size = c.Dim("size", 2, 3);
            var x = values(c, [c.Dim("batch", 1, 2), c.Dim("channels", 1, 2), c.Dim("height", size, 6), c.Dim("width", size, 6)]);
            return new LayerSubject<T>(new MaxPool2D<T>(size), x);
        },
            Plant.Replaced<T>("max-mask", s => new MaxPoolWithEqualityMask<T>(((MaxPool2D<T>)s.Layer).Size, ((MaxPool2D<T>)s.Layer).Stride)),
            Plant.Scaled<T>("input"));

    /// <summary>An order statistic over [rows, <paramref name="width"/>] of whole numbers 0 to 3 (ties are common).</summary>
    private static LayerSubject<T> Rows<T>(GradientCase c, ILayer<T> layer, int width) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(layer, c.Integers<T>(0, 3, c.Dim("rows", 1, 3), width));
}
