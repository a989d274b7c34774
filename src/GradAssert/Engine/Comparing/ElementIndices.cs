using System.Collections;

namespace GradAssert.Engine.Comparing;

/// <summary>
/// The elements an element-wise comparison checks, as tensor offsets in increasing order: every element (a range, which
/// takes no memory however large the tensor) or a sample of them.
/// </summary>
internal readonly struct ElementIndices : IReadOnlyList<int>
{
    private readonly int[]? _sample;

    private ElementIndices(int length, int[]? sample)
    {
        Length = length;
        _sample = sample;
    }

    /// <summary>Every element of a tensor of <paramref name="length"/> elements.</summary>
    public static ElementIndices All(int length) => new(length, null);

    /// <summary>The elements of <paramref name="sample"/>, in increasing order.</summary>
    public static ElementIndices Of(int[] sample) => new(sample.Length, sample);

    /// <summary>The number of elements compared.</summary>
    public int Length { get; }

    /// <summary>Whether every element is compared: then position k is element k.</summary>
    public bool IsAll => _sample is null;

    /// <summary>The tensor offset of position <paramref name="k"/>.</summary>
    public int this[int k] => _sample is null ? k : _sample[k];

    int IReadOnlyCollection<int>.Count => Length;

    public IEnumerator<int> GetEnumerator()
    {
        for (int k = 0; k < Length; k++)
        {
            yield return this[k];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
