using System.Numerics;

namespace GradAssert.Exact;

// The IEEE layout of the value part: exponent and significand, as T reports and writes them. Explicit, as T's own are.
public readonly partial struct Dual<T>
{
    /// <inheritdoc/>
    int IFloatingPoint<Dual<T>>.GetExponentByteCount() => Value.GetExponentByteCount();

    /// <inheritdoc/>
    int IFloatingPoint<Dual<T>>.GetExponentShortestBitLength() => Value.GetExponentShortestBitLength();

    /// <inheritdoc/>
    int IFloatingPoint<Dual<T>>.GetSignificandBitLength() => Value.GetSignificandBitLength();

    /// <inheritdoc/>
    int IFloatingPoint<Dual<T>>.GetSignificandByteCount() => Value.GetSignificandByteCount();

    /// <inheritdoc/>
    bool IFloatingPoint<Dual<T>>.TryWriteExponentBigEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteExponentBigEndian(destination, out bytesWritten);

    /// <inheritdoc/>
    bool IFloatingPoint<Dual<T>>.TryWriteExponentLittleEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteExponentLittleEndian(destination, out bytesWritten);

    /// <inheritdoc/>
    bool IFloatingPoint<Dual<T>>.TryWriteSignificandBigEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteSignificandBigEndian(destination, out bytesWritten);

    /// <inheritdoc/>
    bool IFloatingPoint<Dual<T>>.TryWriteSignificandLittleEndian(Span<byte> destination, out int bytesWritten) =>
        Value.TryWriteSignificandLittleEndian(destination, out bytesWritten);
}
