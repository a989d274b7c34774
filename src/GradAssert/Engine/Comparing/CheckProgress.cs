namespace GradAssert;

/// <summary>Where a running check is: the tensor it is comparing and how far along that tensor it is.</summary>
/// <param name="Layer">The layer's name (its path inside nested models).</param>
/// <param name="Tensor">The parameter's name, or <c>input</c>.</param>
/// <param name="Scope">End to end, or the layer alone.</param>
/// <param name="Done">Elements (or directions) of this tensor compared so far.</param>
/// <param name="Total">Elements (or directions) this tensor's comparison takes.</param>
public sealed record CheckProgress(string Layer, string Tensor, CheckScope Scope, int Done, int Total);
