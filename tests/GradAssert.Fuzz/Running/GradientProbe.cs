namespace GradAssert.Fuzz.Running;

/// <summary>Finds which gradients a broken variant changes, by running the correct and the broken build side by side.</summary>
internal static class GradientProbe
{
    /// <summary>
    /// The names of the tensors whose gradient differs (bit for bit) between the correct and the broken build of a case,
    /// for one seeded upstream gradient: empty when the bug cannot show in this case (a zero gradient scaled, a mask
    /// with no tie).
    /// </summary>
    public static IReadOnlyList<string> BrokenTensors<T>(FuzzKind<T> kind, string variant, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int upstreamSeed = unchecked((seed * 7919) + 17);
        var correct = kind.Build(FuzzKind<T>.Correct, seed).Probe(upstreamSeed);
        var broken = kind.Build(variant, seed).Probe(upstreamSeed);
        return Differing(correct, broken);
    }

    /// <summary>The names at the positions where two probes differ; every name when their structure differs.</summary>
    public static IReadOnlyList<string> Differing<T>(IReadOnlyList<ProbedGradient<T>> correct, IReadOnlyList<ProbedGradient<T>> broken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool sameStructure = correct.Count == broken.Count
            && correct.Zip(broken).All(p => p.First.Tensor == p.Second.Tensor && p.First.Values.Length == p.Second.Values.Length);
        if (!sameStructure)
        {
            return [.. correct.Concat(broken).Select(g => g.Tensor).Distinct()];
        }

        return [.. correct.Zip(broken).Where(p => !p.First.Values.AsSpan().SequenceEqual(p.Second.Values)).Select(p => p.First.Tensor).Distinct()];
    }
}
