using GradAssert.Cases;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using NUnit.Framework.Internal.Commands;

namespace GradAssert.NUnit;

/// <summary>
/// Turns a method taking one <see cref="GradientCase"/> into a gradient-check property: it runs <see cref="Cases"/>
/// seeded cases whose sizes grow from small to the full <see cref="GradientCase.Dim"/> ranges, shrinks the first
/// failing case to the smallest one that still fails, and reports it with a replay line. Use it alone, without
/// <c>[Test]</c>; the class needs no <c>[TestFixture]</c>. <c>GRADASSERT_SEED</c> replaces the seed and
/// <c>GRADASSERT_CASES</c> replaces (<c>50</c>) or scales (<c>4x</c>) the number of cases. The method returns
/// <see langword="void"/>, <see cref="Task"/> or <see cref="ValueTask"/>; a generic method with one type parameter is
/// checked once per type argument given here (<c>[GradientCheck(typeof(float), typeof(double))]</c>).
/// <c>[CancelAfter]</c> limits the whole run (NUnit refuses <c>[Timeout]</c> on .NET).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed partial class GradientCheckAttribute : NUnitAttribute, ITestBuilder, IImplyFixture, IWrapTestMethod
{
    private readonly NUnitTestCaseBuilder _builder = new();
    /// <summary>Checks a non-generic method.</summary>
    public GradientCheckAttribute()
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


    /// <summary>Builds the test of the method, or one per type argument of a generic method; NUnit calls this.</summary>
    /// <param name="method">The attributed method.</param>
    /// <param name="suite">The fixture the test belongs to.</param>
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, Test? suite)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (GradientTestMethod.SignatureProblem(method.MethodInfo, TypeArguments) is { } problem)
        {
            var refused = new TestCaseParameters { RunState = RunState.NotRunnable, TestName = method.Name };
            refused.Properties.Set(PropertyNames.SkipReason, problem);
            yield return _builder.BuildTestMethod(method, suite, refused);
            yield break;
        }

        foreach (var test in GradientTestMethod.For(method.MethodInfo, TypeArguments))
        {
            // One placeholder argument satisfies NUnit's signature check; the command passes the real cases.
            var parameters = new TestCaseParameters([null]) { TestName = test.Name };
            if (test.TypeArgument is { } typeArgument)
            {
                parameters.TypeArgs = [typeArgument];
            }

            yield return _builder.BuildTestMethod(method, suite, parameters);
        }
    }

    /// <summary>Replaces the single call of the method with the property run; NUnit calls this.</summary>
    /// <param name="command">The command that would call the method once.</param>
    public TestCommand Wrap(TestCommand command) => new GradientCheckCommand(command, Settings);
}
