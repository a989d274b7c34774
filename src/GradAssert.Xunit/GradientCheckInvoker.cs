using System.Reflection;
using GradAssert.Cases;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>Calls the test method once per case through the property engine, instead of once with fixed arguments.</summary>
internal sealed class GradientCheckInvoker : XunitTestInvoker
{
    private readonly Action<string> _writeLine;

    public GradientCheckInvoker(
        ITest test, IMessageBus messageBus, Type testClass, object[] constructorArguments, MethodInfo testMethod, object[] testMethodArguments,
        IReadOnlyList<BeforeAfterTestAttribute> beforeAfterAttributes, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource,
        Action<string> writeLine)
        : base(test, messageBus, testClass, constructorArguments, testMethod, testMethodArguments, beforeAfterAttributes, aggregator, cancellationTokenSource) =>
        _writeLine = writeLine;

    protected override object? CallTestMethod(object testClassInstance)
    {
        var attribute = TestMethod.GetCustomAttribute<GradientCheckAttribute>()
            ?? throw new InvalidOperationException($"{TestMethod.Name} has no [GradientCheck] attribute.");
        string testName = $"{TestClass.FullName}.{TestMethod.Name}";
        var result = GradientProperty.Run(testName, attribute.Settings, TestMethod, testClassInstance);
        _writeLine(result.ThrowIfFailed());
        return null;
    }
}
