namespace GradAssert.Fuzz.Kinds;

/// <summary>One gradient a backward pass produced in a probe: the tensor's name (a parameter's, or an input's) and its values.</summary>
/// <param name="Tensor">The name the report's rows use for the tensor.</param>
/// <param name="Values">A copy of the gradient.</param>
internal sealed record ProbedGradient<T>(string Tensor, T[] Values) where T : unmanaged, IFloatingPointIeee754<T>;
