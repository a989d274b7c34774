namespace GradAssert.Analyzers.Tests;

/// <summary>The pieces of C# that the snippets share.</summary>
internal static class Snippets
{
    /// <summary>The usings of an xUnit v2 test file with [GradientCheck].</summary>
    public const string XunitUsings = """
        using System;
        using System.Threading.Tasks;
        using GradAssert;
        using GradAssert.Xunit;

        """;

    /// <summary>The usings of an NUnit test file with [GradientCheck].</summary>
    public const string NUnitUsings = """
        using System;
        using System.Threading.Tasks;
        using GradAssert;
        using GradAssert.NUnit;

        """;

    /// <summary>A body that checks a gradient; it compiles and is never run.</summary>
    public const string Check = "GradientAssert.Layer(new Sequential<double>(), c.Normal<double>(2, 3));";

    /// <summary>
    /// An adapter the analyzer has never seen, with the <c>params Type[]</c> constructor that generic methods use:
    /// [GradientCheck] is recognised by name, in any namespace under GradAssert.
    /// </summary>
    public const string FutureAdapter = """

        namespace GradAssert.Future
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class GradientCheckAttribute : Attribute
            {
                public GradientCheckAttribute(params Type[] types) => Types = types;

                public Type[] Types { get; }

                public int Cases { get; set; }
            }
        }
        """;

    /// <summary>The usings of a test file with the adapter of <see cref="FutureAdapter"/>.</summary>
    public const string FutureUsings = """
        using System;
        using System.Threading.Tasks;
        using GradAssert;
        using GradAssert.Future;

        """;
}
