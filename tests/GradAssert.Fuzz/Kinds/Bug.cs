namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// A broken variant of a kind: its name, and how it turns the correct case into the broken one (usually by wrapping the
/// correct layer; it may draw from the case, by names the correct build did not use).
/// </summary>
/// <param name="Name">The variant's name on the command line and in the tables, such as <c>W-scaled</c>.</param>
/// <param name="Plant">Makes the broken subject from the correct one.</param>
internal sealed record Bug<T>(string Name, Func<Subject<T>, GradientCase, Subject<T>> Plant) where T : unmanaged, IFloatingPointIeee754<T>;
