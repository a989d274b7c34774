using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;
using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>
/// Makes the test case for the xUnit v3 in use. xUnit 4.0 changed how a test case runs itself
/// (<see cref="ISelfExecutingXunitTestCase"/>), so 4.x gets the test case of GradAssert.Xunit.v3.Xunit4.dll, which the
/// package ships beside this assembly, built against xUnit 4; 3.x gets <see cref="GradientCheckTestCase"/>. Each is
/// loaded only where its xUnit is.
/// </summary>
internal static class TestCaseFactory
{
    private const string Xunit4TestCase = "GradAssert.Xunit.v3.Xunit4.GradientCheckTestCase, GradAssert.Xunit.v3.Xunit4";

    private static readonly bool IsXunit4 = typeof(FactAttribute).Assembly.GetName().Version?.Major >= 4;

    public static IXunitTestCase Create(TestCaseDetails details) => IsXunit4 ? ForXunit4(details) : ForXunit3(details);

    // Not inlined: compiling this method loads GradientCheckTestCase, which does not load under xUnit 4.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IXunitTestCase ForXunit3(TestCaseDetails details) => new GradientCheckTestCase(details);

    private static IXunitTestCase ForXunit4(TestCaseDetails details)
    {
        var type = Type.GetType(Xunit4TestCase)
            ?? throw new InvalidOperationException(
                $"GradAssert.Xunit.v3 runs on xUnit {typeof(FactAttribute).Assembly.GetName().Version} through GradAssert.Xunit.v3.Xunit4.dll, which is missing beside GradAssert.Xunit.v3.dll; restore the GradAssert.Xunit.v3 package again.");
        return (IXunitTestCase)Activator.CreateInstance(type, BindingFlags.Instance | BindingFlags.NonPublic, binder: null, [details], culture: null)!;
    }
}
