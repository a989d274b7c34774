using System.Runtime.CompilerServices;
using GradAssert.Cases;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace GradAssert.MSTest;

/// <summary>
/// Turns a method taking one <see cref="GradientCase"/> into a gradient-check property: it runs <see cref="Cases"/>
/// seeded cases whose sizes grow from small to the full <see cref="GradientCase.Dim"/> ranges, shrinks the first
/// failing case to the smallest one that still fails, and reports it with a replay line. Use it instead of
/// <c>[TestMethod]</c>, in a <c>[TestClass]</c>. <c>GRADASSERT_SEED</c> replaces the seed and <c>GRADASSERT_CASES</c>
/// replaces (<c>50</c>) or scales (<c>4x</c>) the number of cases. The method returns <see langword="void"/>,
/// <see cref="Task"/> or <see cref="ValueTask"/>; a generic method with one type parameter is checked once per type
/// argument given here (<c>[GradientCheck(typeof(float), typeof(double))]</c>), each a result of its own.
/// <c>[Timeout]</c> limits the whole run.
/// </summary>
/// <remarks>
/// Each case is one call of the method through MSTest, as a data row is: a new instance of the class with its
/// <c>TestContext</c>, <c>[TestInitialize]</c> and <c>[TestCleanup]</c> around it. A generic test's cases run on one
/// instance made by its parameterless constructor, without them: MSTest cannot call a generic method whose type
/// argument is not inferred from its arguments.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed partial class GradientCheckAttribute : TestMethodAttribute
{
    /// <summary>Checks a non-generic method.</summary>
    /// <param name="callerFilePath">Filled in by the compiler, for test explorers.</param>
    /// <param name="callerLineNumber">Filled in by the compiler, for test explorers.</param>
    public GradientCheckAttribute([CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = -1)
        : base(callerFilePath, callerLineNumber)
    {
        TypeArguments = [];
    }

    /// <summary>Checks a generic method once per type argument, each a result of its own (<c>Dense_backward&lt;float&gt;</c>).</summary>
    /// <param name="typeArguments"><see cref="float"/> and/or <see cref="double"/>.</param>
#pragma warning disable MSTEST0057 // A params array must come last: the same attribute shape as in the other frameworks wins over source lines.
    public GradientCheckAttribute(params Type[] typeArguments)
        : base(string.Empty, -1)
    {
        TypeArguments = typeArguments ?? [];
    }
#pragma warning restore MSTEST0057

    /// <summary>The type arguments of a generic method, one result each; empty for a non-generic method.</summary>
    public IReadOnlyList<Type> TypeArguments { get; }

    /// <summary>Runs the property instead of one call of the method; MSTest calls this.</summary>
    /// <param name="testMethod">The attributed method.</param>
    public override Task<TestResult[]> ExecuteAsync(ITestMethod testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        return new GradientCheckRun(testMethod, Settings, TypeArguments).ExecuteAsync();
    }
}
