namespace GradAssert.Engine.Evidence;

/// <summary>
/// A small, fast, seedable generator (SplitMix64). Every random draw of a check comes from one of these, created
/// from a seed the report prints, so a check is reproducible and no state is shared between tests.
/// </summary>
internal sealed class Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    /// <summary>A generator for an independent stream: the same (seed, stream) always gives the same draws.</summary>
    public static Rng For(int seed, ulong stream) => new(Mix((ulong)(uint)seed, stream));

    /// <summary>Mixes two numbers into a well-spread 64-bit seed.</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        ulong z = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stable 64-bit hash of a string (FNV-1a), for naming streams by layer or dimension name.</summary>
    public static ulong Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform on [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer on [min, max] inclusive.</summary>
    public int NextInt(int min, int max)
    {
        ulong span = (ulong)((long)max - min + 1);
        return (int)(min + (long)(NextUInt64() % span));
    }

    /// <summary>Standard normal, by the Box–Muller transform.</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: the logarithm stays finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
