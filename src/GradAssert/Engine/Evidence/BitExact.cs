using System.Runtime.InteropServices;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// Arrays compared bit for bit, which tells +0 from −0 (Equals does not): a copy stands in for another, or an array is
/// remembered as zeros, only when every bit agrees, so that what is put back from it is exactly what was there.
/// </summary>
internal static class BitExact
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> hold the same bits.</summary>
    public static bool Same<T>(T[] a, T[] b) where T : unmanaged => MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan()));

    /// <summary>
    /// A copy of <paramref name="live"/>'s bits: <paramref name="earlier"/> when it holds them still (a copy taken before
    /// serves again), a new one otherwise.
    /// </summary>
    public static T[] CopyOf<T>(T[] live, T[]? earlier) where T : unmanaged => earlier is not null && Same(earlier, live) ? earlier : (T[])live.Clone();

    /// <summary>Whether every bit of <paramref name="array"/> is zero (+0 in every element, as a new array holds).</summary>
    public static bool Zero<T>(T[] array) where T : unmanaged => MemoryMarshal.AsBytes(array.AsSpan()).IndexOfAnyExcept((byte)0) < 0;
}
