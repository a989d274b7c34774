namespace GradAssert.Fuzz.Kinds;

/// <summary>What one case checks: a layer and the input(s) to check it at.</summary>
internal abstract record Subject<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Runs the check (<see cref="GradCheck"/>, which returns the report rather than throwing for a mismatch).</summary>
    public abstract GradientReport Check(GradCheckOptions options);

    /// <summary>
    /// Runs forward and backward once with a seeded upstream gradient and returns every gradient produced, in a fixed
    /// order; a <see cref="Sequential{T}"/> also each of its layers on its own input, as the check does layer by layer.
    /// Two builds of the same case give the same order, so a planted bug shows as the gradients that differ.
    /// </summary>
    public abstract IReadOnlyList<ProbedGradient<T>> Probe(int seed);
}
