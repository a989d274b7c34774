using GradAssert.Engine.Evidence;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// Splits the elements a comparison checks into groups whose members, by the discovered separations, move disjoint
/// outputs: elements whose coordinates agree modulo the separation on every axis share a colour, and each colour, in
/// index order, is cut into groups of at most <see cref="MaxMembers"/>. Colours too small to save evaluations are left
/// to be compared alone.
/// </summary>
internal static class GroupPlan
{
    /// <summary>The largest group: its code has 22 bits, and an output's word fits an int.</summary>
    public const int MaxMembers = 1 << 20;

    /// <summary>
    /// The smallest group worth its evaluations: a group of k members costs 2 + bits evaluations (the whole group each
    /// way, then one per sub-group) against 2·k alone.
    /// </summary>
    public static bool Pays(int members) => members >= 3 && 2 + ConstantWeightCode.BitsFor(members) < 2 * members;

    /// <summary>
    /// A group that did not verify, cut finer: its members (which agree modulo <paramref name="separations"/> on every
    /// axis) split by the parity of their coordinates divided by the separations, as if every separation were doubled.
    /// Members at an odd distance along some axis, such as two inputs of one pooling window, part; the parts that pay
    /// are returned, the other members are compared alone.
    /// </summary>
    /// <param name="positions">The group, as positions into <paramref name="indices"/>.</param>
    public static List<int[]> Refine(int[] positions, ElementIndices indices, IReadOnlyList<int> shape, int[] separations)
    {
        var parts = new SortedDictionary<int, List<int>>();
        foreach (int k in positions)
        {
            int rest = indices[k], key = 0;
            for (int d = shape.Count - 1; d >= 0; d--)
            {
                int coordinate = rest % shape[d];
                rest /= shape[d];
                key = (key << 1) | (coordinate / separations[d] % 2);
            }

            if (!parts.TryGetValue(key, out var part))
            {
                parts[key] = part = [];
            }

            part.Add(k);
        }

        return [.. parts.Values.Where(part => Pays(part.Count)).Select(part => part.ToArray())];
    }

    /// <summary>The groups, as positions into <paramref name="indices"/>, each in increasing order; elements in no group are compared alone.</summary>
    /// <param name="indices">The tensor offsets compared, in increasing order.</param>
    public static List<int[]> Groups(ElementIndices indices, IReadOnlyList<int> shape, int[] separations)
    {
        int rank = shape.Count;
        var colourOf = new int[indices.Length];
        var counts = new Dictionary<int, int>();
        for (int k = 0; k < indices.Length; k++)
        {
            int rest = indices[k], colour = 0;
            for (int d = rank - 1, radix = 1; d >= 0; d--)
            {
                int coordinate = rest % shape[d];
                rest /= shape[d];
                colour += coordinate % separations[d] * radix;
                radix *= separations[d];
            }

            colourOf[k] = colour;
            counts[colour] = counts.GetValueOrDefault(colour) + 1;
        }

        var members = new Dictionary<int, List<int>>(counts.Count);
        foreach (var (colour, count) in counts)
        {
            if (Pays(Math.Min(count, MaxMembers)))
            {
                members[colour] = new List<int>(count);
            }
        }

        for (int k = 0; k < indices.Length; k++)
        {
            if (members.TryGetValue(colourOf[k], out var list))
            {
                list.Add(k);
            }
        }

        var groups = new List<int[]>();
        foreach (var colour in members.Keys.Order())
        {
            var list = members[colour];
            int parts = (list.Count + MaxMembers - 1) / MaxMembers;
            for (int part = 0; part < parts; part++)
            {
                int from = (int)((long)list.Count * part / parts);
                int to = (int)((long)list.Count * (part + 1) / parts);
                if (Pays(to - from))
                {
                    groups.Add(list.GetRange(from, to - from).ToArray());
                }
            }
        }

        return groups;
    }
}
