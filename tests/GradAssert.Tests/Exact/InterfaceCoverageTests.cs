using System.Numerics;
using System.Reflection;
using GradAssert.Exact;

namespace GradAssert.Tests.Exact;

/// <summary>
/// <c>Dual&lt;T&gt;</c> implements every member of <c>IFloatingPointIeee754</c> and the interfaces under it itself, so
/// that no default implementation computes a value T would compute differently or a tangent by accident. The few
/// defaults it keeps are listed here with the reason.
/// </summary>
public sealed class InterfaceCoverageTests
{
    /// <summary>
    /// Defaults that are right for a dual number as they are: the checked operators call the unchecked ones (floating
    /// point has no overflow to check), and the array and offset forms of writing the exponent and significand call the
    /// <c>TryWrite…</c> members.
    /// </summary>
    private static readonly string[] KeptDefaults =
    [
        "op_CheckedAddition", "op_CheckedSubtraction", "op_CheckedMultiply", "op_CheckedDivision", "op_CheckedIncrement",
        "op_CheckedDecrement", "op_CheckedUnaryNegation", "WriteExponentBigEndian", "WriteExponentLittleEndian",
        "WriteSignificandBigEndian", "WriteSignificandLittleEndian",
    ];

    [Fact]
    public void Every_interface_member_is_implemented_by_the_dual_type_itself()
    {
        var type = typeof(Dual<double>);
        var inherited = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var contract in type.GetInterfaces().Where(i => i.Namespace is "System" or "System.Numerics"))
        {
            var map = type.GetInterfaceMap(contract);
            for (int i = 0; i < map.InterfaceMethods.Length; i++)
            {
                // An interface's own override of a member of an interface under it (INumberBase's of
                // IUtf8SpanFormattable.TryFormat, named with a dot) is no member of its own: that interface's map checks it.
                string name = map.InterfaceMethods[i].Name;
                if (map.TargetMethods[i]?.DeclaringType != type && !KeptDefaults.Contains(name) && !name.Contains('.', StringComparison.Ordinal))
                {
                    inherited.Add($"{contract.Name}.{name}");
                }
            }
        }

        inherited.ShouldBeEmpty();
    }

    [Fact]
    public void The_kept_checked_operators_give_what_the_unchecked_ones_give()
    {
        var x = new Dual<double>(3, 1);
        var y = new Dual<double>(-2, 5);

        Checked.Add(x, y).ShouldBe(x + y);
        Checked.Add(x, y).Tangent.ShouldBe((x + y).Tangent);
        Checked.Multiply(x, y).Tangent.ShouldBe((x * y).Tangent);
        Checked.Divide(x, y).Tangent.ShouldBe((x / y).Tangent);
        Checked.Negate(x).Tangent.ShouldBe(-1);
    }

    [Fact]
    public void The_dual_type_is_unmanaged_and_twice_the_size_of_T()
    {
        System.Runtime.CompilerServices.Unsafe.SizeOf<Dual<double>>().ShouldBe(16);
        System.Runtime.CompilerServices.Unsafe.SizeOf<Dual<float>>().ShouldBe(8);
        typeof(Dual<double>).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(f => f.FieldType).ShouldAllBe(t => t == typeof(double));
    }

    /// <summary>The checked operators, reached as generic code reaches them.</summary>
    private static class Checked
    {
        public static TNumber Add<TNumber>(TNumber x, TNumber y) where TNumber : INumberBase<TNumber> => checked(x + y);

        public static TNumber Multiply<TNumber>(TNumber x, TNumber y) where TNumber : INumberBase<TNumber> => checked(x * y);

        public static TNumber Divide<TNumber>(TNumber x, TNumber y) where TNumber : INumberBase<TNumber> => checked(x / y);

        public static TNumber Negate<TNumber>(TNumber x) where TNumber : INumberBase<TNumber> => checked(-x);
    }
}
