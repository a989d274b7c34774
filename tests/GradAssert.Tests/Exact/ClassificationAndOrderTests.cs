using System.Numerics;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>Classification, equality and order look at the value part only, and answer exactly as T does.</summary>
public sealed class ClassificationAndOrderTests
{
    public static TheoryData<string> Predicates => [.. Classifications<double>().Keys];

    [Theory]
    [MemberData(nameof(Predicates))]
    public void Classification_is_Ts_answer_for_the_value(string name)
    {
        Classifies(Classifications<double>()[name]);
        Classifies(Classifications<float>()[name]);
    }

    [Fact]
    public void Comparisons_are_Ts_on_the_values_whatever_the_tangents()
    {
        Orders<double>();
        Orders<float>();
    }

    [Fact]
    public void Numbers_with_the_same_value_and_different_tangents_are_equal_and_hash_alike()
    {
        var a = new Dual<double>(2, 1);
        var b = new Dual<double>(2, -7);

        (a == b).ShouldBeTrue();
        a.Equals(b).ShouldBeTrue();
        a.Equals((object)b).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.GetHashCode().ShouldBe(2.0.GetHashCode());
        a.Equals((object)2.0).ShouldBeFalse();
    }

    [Fact]
    public void NaN_is_not_equal_to_itself_but_Equals_itself_as_for_double()
    {
        (Dual<double>.NaN == Dual<double>.NaN).ShouldBeFalse();
        Dual<double>.NaN.Equals(Dual<double>.NaN).ShouldBeTrue();
        Dual<double>.NaN.CompareTo(Dual<double>.Zero).ShouldBe(double.NaN.CompareTo(0.0));
    }

    [Fact]
    public void Compare_to_an_object_is_greater_than_null_and_refuses_other_types()
    {
        Dual<double>.One.CompareTo((object?)null).ShouldBe(1);
        Dual<double>.One.CompareTo((object)Dual<double>.Zero).ShouldBe(1);
        Should.Throw<ArgumentException>(() => Dual<double>.One.CompareTo((object)1.0));
    }

    private static Dictionary<string, (Func<Dual<T>, bool> Dual, Func<T, bool> Own)> Classifications<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => new()
        {
            ["IsCanonical"] = (Dual<T>.IsCanonical, T.IsCanonical),
            ["IsComplexNumber"] = (Dual<T>.IsComplexNumber, T.IsComplexNumber),
            ["IsEvenInteger"] = (Dual<T>.IsEvenInteger, T.IsEvenInteger),
            ["IsFinite"] = (Dual<T>.IsFinite, T.IsFinite),
            ["IsImaginaryNumber"] = (Dual<T>.IsImaginaryNumber, T.IsImaginaryNumber),
            ["IsInfinity"] = (Dual<T>.IsInfinity, T.IsInfinity),
            ["IsInteger"] = (Dual<T>.IsInteger, T.IsInteger),
            ["IsNaN"] = (Dual<T>.IsNaN, T.IsNaN),
            ["IsNegative"] = (Dual<T>.IsNegative, T.IsNegative),
            ["IsNegativeInfinity"] = (Dual<T>.IsNegativeInfinity, T.IsNegativeInfinity),
            ["IsNormal"] = (Dual<T>.IsNormal, T.IsNormal),
            ["IsOddInteger"] = (Dual<T>.IsOddInteger, T.IsOddInteger),
            ["IsPositive"] = (Dual<T>.IsPositive, T.IsPositive),
            ["IsPositiveInfinity"] = (Dual<T>.IsPositiveInfinity, T.IsPositiveInfinity),
            ["IsRealNumber"] = (Dual<T>.IsRealNumber, T.IsRealNumber),
            ["IsSubnormal"] = (Dual<T>.IsSubnormal, T.IsSubnormal),
            ["IsZero"] = (Dual<T>.IsZero, T.IsZero),
        };

    private static void Classifies<T>((Func<Dual<T>, bool> Dual, Func<T, bool> Own) predicate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] points = [.. DualPoints.All<T>(), DualPoints.Of<T>(4), DualPoints.Of<T>(-7)];
        var wrong = points.Where(x => predicate.Dual(new(x, T.NaN)) != predicate.Own(x) || predicate.Dual(new(x, T.Zero)) != predicate.Own(x));

        wrong.Select(x => DualPoints.Show(x)).ShouldBeEmpty();
    }

    private static void Orders<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] points = DualPoints.Edges<T>();
        foreach (T x in points)
        {
            foreach (T y in points)
            {
                Dual<T> a = new(x, DualPoints.Of<T>(3)), b = new(y, DualPoints.Of<T>(-5));
                string at = $"({x}, {y})";
                (a == b).ShouldBe(x == y, at);
                (a != b).ShouldBe(x != y, at);
                (a < b).ShouldBe(x < y, at);
                (a > b).ShouldBe(x > y, at);
                (a <= b).ShouldBe(x <= y, at);
                (a >= b).ShouldBe(x >= y, at);
                a.Equals(b).ShouldBe(x.Equals(y), at);
                a.CompareTo(b).ShouldBe(x.CompareTo(y), at);
            }
        }
    }
}
