using GradAssert.Engine.Evidence;

namespace GradAssert.Cases;

/// <summary>Where the seeds of a run come from: a stable default per test, and one seed per case.</summary>
internal static class CaseSeeds
{
    /// <summary>
    /// The default seed of a test: a stable hash (FNV-1a) of its full name, the same on every run and machine.
    /// <see cref="string.GetHashCode()"/> would not do: it is randomized per process.
    /// </summary>
    public static int ForTest(string fullName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullName);
        ulong hash = Rng.Hash(fullName);
        return (int)((hash ^ (hash >> 32)) & 0x7FFF_FFFF);
    }

    /// <summary>The seed of case <paramref name="index"/> of a run seeded with <paramref name="testSeed"/>.</summary>
    public static int ForCase(int testSeed, int index) =>
        (int)(Rng.Mix((ulong)(uint)testSeed, (ulong)(uint)index) & 0x7FFF_FFFF);
}
