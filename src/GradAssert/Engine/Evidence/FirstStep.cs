namespace GradAssert.Engine.Evidence;

/// <summary>The first evidence of one perturbation: its samples at ±h, the step asked for, and its analytic derivative.</summary>
/// <param name="Step">The step h asked for, before rounding to the layer's type.</param>
/// <param name="ExactAnalytic">The element's own analytic derivative, or null for a direction (read from the samples' predictions).</param>
/// <param name="Plus">The sample at +h.</param>
/// <param name="Minus">The sample at −h.</param>
/// <param name="Origin">The element's unperturbed value, or NaN for a direction.</param>
internal readonly record struct FirstStep(double Step, double? ExactAnalytic, Sample Plus, Sample Minus, double Origin);
