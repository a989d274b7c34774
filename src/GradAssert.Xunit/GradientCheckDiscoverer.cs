using GradAssert.Cases;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>Finds <see cref="GradientCheckAttribute"/> methods and makes one test case of each, or one per type argument of a generic method.</summary>
public sealed class GradientCheckDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly IMessageSink _diagnosticMessageSink;

    /// <summary>Creates the discoverer; xUnit calls this.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostic messages go.</param>
    public GradientCheckDiscoverer(IMessageSink diagnosticMessageSink) => _diagnosticMessageSink = diagnosticMessageSink;

    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var method = testMethod.Method.ToRuntimeMethod();
        var typeArguments = (factAttribute as IReflectionAttributeInfo)?.Attribute is GradientCheckAttribute attribute ? attribute.TypeArguments : [];
        if (GradientTestMethod.SignatureProblem(method, typeArguments) is { } problem)
        {
            return [new ExecutionErrorTestCase(_diagnosticMessageSink, display, displayOptions, testMethod, problem)];
        }

        return GradientTestMethod.For(method, typeArguments)
            .Select(test => new GradientCheckTestCase(_diagnosticMessageSink, display, displayOptions, testMethod, test.TypeArgument))
            .ToArray();
    }
}
