namespace GradAssert.Engine.Evidence;

/// <summary>
/// The code words that tell the members of a group apart: member j gets a word of <see cref="Bits"/> bits with exactly
/// ⌊Bits/2⌋ of them set, distinct for every member. In evaluation b the members whose word has bit b move by +h and the
/// others by −h. An output moved by a single member then takes its +h value in exactly the evaluations of that member's
/// word and its −h value in the others; since all words have the same weight, each of two members has a bit the other
/// lacks, so an output moved by both sees them move opposite ways at least once and takes a value of neither move (or,
/// where one hides the other, spells their union, a word of the wrong weight): it reads as no word at all.
/// </summary>
internal sealed class ConstantWeightCode
{
    private readonly Dictionary<int, int> _members;

    private ConstantWeightCode(int bits, int[] words)
    {
        Bits = bits;
        Words = words;
        _members = new Dictionary<int, int>(words.Length);
        for (int j = 0; j < words.Length; j++)
        {
            _members[words[j]] = j;
        }
    }

    /// <summary>The number of sub-groups, one evaluation each.</summary>
    public int Bits { get; }

    /// <summary>The word of each member, by position in the group.</summary>
    public int[] Words { get; }

    /// <summary>The shortest code for <paramref name="members"/> members: the fewest bits whose half-weight words are enough.</summary>
    public static ConstantWeightCode For(int members)
    {
        int bits = BitsFor(members);

        // Words of weight w in increasing order (Gosper's hack).
        int weight = bits / 2;
        var words = new int[members];
        int word = (1 << weight) - 1;
        for (int j = 0; j < members; j++)
        {
            words[j] = word;
            int lowest = word & -word;
            int ripple = word + lowest;
            word = ripple | (((word ^ ripple) >> 2) / lowest);
        }

        return new ConstantWeightCode(bits, words);
    }

    /// <summary>How many bits a group of <paramref name="members"/> needs, without building the code.</summary>
    public static int BitsFor(int members)
    {
        int bits = 2;
        while (Choose(bits, bits / 2) < members)
        {
            bits++;
        }

        return bits;
    }

    /// <summary>The member whose word is <paramref name="word"/>, or −1 when no member has it.</summary>
    public int MemberOf(int word) => _members.TryGetValue(word, out int j) ? j : -1;

    private static long Choose(int n, int k)
    {
        long result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
