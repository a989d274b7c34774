using Microsoft.CodeAnalysis;

namespace GradAssert.Analyzers;

/// <summary>
/// The attributes that make a method a test in xUnit (v2 and v3), NUnit and MSTest, and so must not sit beside
/// [GradientCheck]. Attributes derived from them count too (xUnit's [SkippableFact], a custom [TestMethod]).
/// </summary>
internal static class TestFrameworkAttributes
{
    private static readonly HashSet<string> TestAttributes = new(StringComparer.Ordinal)
    {
        "Xunit.FactAttribute",
        "Xunit.TheoryAttribute",
        "NUnit.Framework.TestAttribute",
        "NUnit.Framework.TestCaseAttribute",
        "NUnit.Framework.TestCaseSourceAttribute",
        "NUnit.Framework.TheoryAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.DataTestMethodAttribute",
    };

    /// <summary>Whether <paramref name="type"/> is, or derives from, a test framework's test attribute (and is no [GradientCheck]).</summary>
    internal static bool MakesATest(INamedTypeSymbol? type)
    {
        if (GradientCheckAttributes.Is(type))
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (TestAttributes.Contains(Names.Full(current)))
            {
                return true;
            }
        }

        return false;
    }
}
