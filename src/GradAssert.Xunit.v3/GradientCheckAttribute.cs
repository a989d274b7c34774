using System.Runtime.CompilerServices;
using GradAssert.Cases;
using Xunit;
using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>
/// Turns a method taking one <see cref="GradientCase"/> into a gradient-check property: it runs <see cref="Cases"/>
/// seeded cases whose sizes grow from small to the full <see cref="GradientCase.Dim"/> ranges, shrinks the first
/// failing case to the smallest one that still fails, and reports it with a replay line. Use it alone, without
/// <c>[Fact]</c> or <c>[Theory]</c>. <c>GRADASSERT_SEED</c> replaces the seed and <c>GRADASSERT_CASES</c> replaces
/// (<c>50</c>) or scales (<c>4x</c>) the number of cases. The method returns <see langword="void"/>, <see cref="Task"/>
/// or <see cref="ValueTask"/>; a generic method with one type parameter is checked once per type argument given here
/// (<c>[GradientCheck(typeof(float), typeof(double))]</c>). <see cref="FactAttribute.Timeout"/> limits the whole run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer(typeof(GradientCheckDiscoverer))]
public sealed partial class GradientCheckAttribute : FactAttribute
{
    /// <summary>Checks a non-generic method.</summary>
    /// <param name="sourceFilePath">Filled in by the compiler, for test explorers.</param>
    /// <param name="sourceLineNumber">Filled in by the compiler, for test explorers.</param>
    public GradientCheckAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        TypeArguments = [];
    }

    /// <summary>Checks a generic method once per type argument, each as its own test (<c>Dense_backward&lt;float&gt;</c>).</summary>
    /// <param name="typeArguments"><see cref="float"/> and/or <see cref="double"/>.</param>
    public GradientCheckAttribute(params Type[] typeArguments)
    {
        TypeArguments = typeArguments ?? [];
    }

    /// <summary>The type arguments of a generic method, one test each; empty for a non-generic method.</summary>
    public IReadOnlyList<Type> TypeArguments { get; }

}
