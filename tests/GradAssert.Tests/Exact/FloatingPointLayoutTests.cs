using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>Exponent and significand, as generic code reads and writes them, are those of the value part.</summary>
public sealed class FloatingPointLayoutTests
{
    [Fact]
    public void Exponent_and_significand_are_the_values()
    {
        foreach (double x in DualPoints.All<double>())
        {
            SameLayout(new Dual<double>(x, 3), x);
        }

        foreach (float x in DualPoints.All<float>())
        {
            SameLayout(new Dual<float>(x, 3), x);
        }
    }

    private static void SameLayout<TDual, T>(TDual dual, T own)
        where TDual : IFloatingPoint<TDual>
        where T : IFloatingPoint<T>
    {
        dual.GetExponentByteCount().ShouldBe(own.GetExponentByteCount());
        dual.GetExponentShortestBitLength().ShouldBe(own.GetExponentShortestBitLength());
        dual.GetSignificandBitLength().ShouldBe(own.GetSignificandBitLength());
        dual.GetSignificandByteCount().ShouldBe(own.GetSignificandByteCount());
        Written(dual.TryWriteExponentBigEndian).ShouldBe(Written(own.TryWriteExponentBigEndian));
        Written(dual.TryWriteExponentLittleEndian).ShouldBe(Written(own.TryWriteExponentLittleEndian));
        Written(dual.TryWriteSignificandBigEndian).ShouldBe(Written(own.TryWriteSignificandBigEndian));
        Written(dual.TryWriteSignificandLittleEndian).ShouldBe(Written(own.TryWriteSignificandLittleEndian));
        new byte[16].ShouldSatisfyAllConditions(
            buffer => dual.WriteExponentBigEndian(buffer).ShouldBe(own.WriteExponentBigEndian(new byte[16])),
            buffer => dual.WriteSignificandLittleEndian(buffer, 2).ShouldBe(own.WriteSignificandLittleEndian(new byte[16], 2)));
        Written(dual.TryWriteExponentBigEndian, 0).ShouldBe(Written(own.TryWriteExponentBigEndian, 0));
    }

    private delegate bool Writer(Span<byte> destination, out int bytesWritten);

    private static string Written(Writer write, int room = 16)
    {
        var buffer = new byte[room];
        return write(buffer, out int count) ? Convert.ToHexString(buffer, 0, count) : "too short";
    }
}
