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
        string? problem = SignatureProblem(testMethod.Method);
        if (problem is not null)
        {
            return [new ExecutionErrorTestCase(_diagnosticMessageSink, display, displayOptions, testMethod, problem)];
        }

        return [new GradientCheckTestCase(_diagnosticMessageSink, display, displayOptions, testMethod)];
    }

    private static string? SignatureProblem(IMethodInfo method)
    {
        var parameters = method.GetParameters().ToArray();
        bool takesOneCase = parameters.Length == 1 && parameters[0].ParameterType.Name == typeof(GradientCase).FullName;
        bool returnsVoid = method.ReturnType.Name == typeof(void).FullName;
        if (takesOneCase && returnsVoid && !method.IsGenericMethodDefinition)
        {
            return null;
        }

        return $"[GradientCheck] needs a non-generic void method whose only parameter is a GradientCase, such as 'public void Dense_backward_matches(GradientCase c)'; {method.Name} does not fit.";
    }
}
