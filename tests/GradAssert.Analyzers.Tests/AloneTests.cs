using static GradAssert.Analyzers.Tests.Snippets;

namespace GradAssert.Analyzers.Tests;

/// <summary>GA0002: [GradientCheck] beside a test framework's own test attribute, reported on that attribute.</summary>
public class AloneTests
{
    private const string MSTestAttributes = """

        namespace Microsoft.VisualStudio.TestTools.UnitTesting
        {
            public class TestMethodAttribute : Attribute { }

            public class DataTestMethodAttribute : TestMethodAttribute { }
        }
        """;

    [Fact]
    public Task Fact_beside_GradientCheck_is_GA0002_saying_to_remove_it() => VerifyAsync(XunitUsings + $$"""
        public class Checks
        {
            [GradientCheck]
            [{|#0:Xunit.Fact|}]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """,
        Diagnostic("GA0002", "'Dense_matches' has both [GradientCheck] and [Fact]: [GradientCheck] makes the method a test by itself, so remove [Fact]"));

    [Theory]
    [InlineData("GradAssert.Xunit", "Xunit.Fact")]
    [InlineData("GradAssert.Xunit", "Xunit.Theory")]
    [InlineData("GradAssert.NUnit", "NUnit.Framework.Test")]
    [InlineData("GradAssert.NUnit", "NUnit.Framework.TestCaseSource(nameof(Sizes))")]
    [InlineData("GradAssert.NUnit", "NUnit.Framework.Theory")]
    [InlineData("GradAssert.Future", "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod")]
    [InlineData("GradAssert.Future", "Microsoft.VisualStudio.TestTools.UnitTesting.DataTestMethod")]
    public Task A_test_frameworks_test_attribute_beside_GradientCheck_is_GA0002(string adapter, string attribute) => VerifyAsync($$"""
        using System;
        using GradAssert;
        using {{adapter}};

        public class Checks
        {
            private static readonly int[] Sizes = [1, 2];

            [GradientCheck]
            [{|GA0002:{{attribute}}|}]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """ + FutureAdapter + MSTestAttributes);

    [Fact]
    public Task An_attribute_derived_from_Fact_beside_GradientCheck_is_GA0002_naming_it() => VerifyAsync(XunitUsings + $$"""
        public sealed class SlowFactAttribute : Xunit.FactAttribute { }

        public class Checks
        {
            [GradientCheck]
            [{|#0:SlowFact|}]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """,
        Diagnostic("GA0002", "'Dense_matches' has both [GradientCheck] and [SlowFact]: [GradientCheck] makes the method a test by itself, so remove [SlowFact]"));

    [Fact]
    public Task NUnit_TestCase_beside_GradientCheck_is_GA0002_on_each_one() => VerifyAsync(NUnitUsings + $$"""
        using NUnit.Framework;

        public class Checks
        {
            [GradientCheck]
            [{|GA0002:TestCase(null)|}]
            [{|GA0002:TestCase(null)|}]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """);

    [Fact]
    public Task Attributes_that_make_no_test_may_sit_beside_GradientCheck() => VerifyAsync(NUnitUsings + $$"""
        using NUnit.Framework;

        public class Checks
        {
            [GradientCheck]
            [Category("Slow")]
            [Obsolete("kept for the history")]
            public void Dense_matches(GradientCase c)
            {
                {{Check}}
            }
        }
        """);

    [Fact]
    public Task Fact_without_GradientCheck_is_not_the_analyzers_business() => VerifyAsync(XunitUsings + """
        using Xunit;

        public class Checks
        {
            [Fact]
            public void Adds() => Assert.Equal(2, 1 + 1);
        }
        """);
}
