using GradAssert.Cases;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>Finds <see cref="GradientCheckAttribute"/> methods and makes one test case of each.</summary>
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
        string? problem = GradientProperty.SignatureProblem(testMethod.Method.ToRuntimeMethod());
        if (problem is not null)
        {
            return [new ExecutionErrorTestCase(_diagnosticMessageSink, display, displayOptions, testMethod, problem)];
        }

        return [new GradientCheckTestCase(_diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
