namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// Issue 22, class D: a 32×32 dense layer with one weight's gradient 5% off, checked along random directions
/// (<see cref="CheckMode.Directional"/>, the kind's name says so) and, as the control, in the default mode.
/// </summary>
internal static class DirectionalKinds
{
    public static IEnumerable<FuzzKind<T>> All<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return new FuzzKind<T>("Dense32x32OneWeight@directional", [IssueClass.Directional], Dense32<T>, Plant.ScaledElement<T>("W", 1.05))
        {
            Options = GradCheckOptions.Default with { Mode = CheckMode.Directional },
        };
        yield return new FuzzKind<T>("Dense32x32OneWeight", [IssueClass.Directional], Dense32<T>, Plant.ScaledElement<T>("W", 1.05));
    }

    private static LayerSubject<T> Dense32<T>(GradientCase c) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dense = new Dense<T>(32, 32, Draws.LayerSeed(c));
        return new LayerSubject<T>(dense, c.Normal<T>(c.Dim("batch", 1, 4), 32));
    }
}
