using GradAssert.Cases;
using Xunit.Sdk;
using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>Finds <see cref="GradientCheckAttribute"/> methods and makes one test case of each, or one per type argument of a generic method.</summary>
public sealed class GradientCheckDiscoverer : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(factAttribute);
        var details = TestIntrospectionHelper.GetTestCaseDetails(discoveryOptions, testMethod, factAttribute);
        var typeArguments = factAttribute is GradientCheckAttribute attribute ? attribute.TypeArguments : [];
        var traits = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in testMethod.Traits)
        {
            traits[name] = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
        }

        var testCases = new List<IXunitTestCase>();
        if (GradientTestMethod.SignatureProblem(testMethod.Method, typeArguments) is not null)
        {
            // One test that fails saying what fits, when it runs (a test case of our own, unlike xUnit's execution-error
            // case, which xUnit's report writers under Microsoft Testing Platform leave out of the results).
            testCases.Add(new GradientCheckTestCase(
                details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID, details.Explicit, details.SkipExceptions, details.SkipReason,
                details.SkipType, details.SkipUnless, details.SkipWhen, traits, details.SourceFilePath, details.SourceLineNumber, details.Timeout));
            return new(testCases);
        }

        foreach (var test in GradientTestMethod.For(testMethod.Method, typeArguments))
        {
            // A generic test is the method closed over its type argument, which xUnit serializes with the method.
            var (method, displayName, uniqueId) = test.TypeArgument is { } typeArgument
                ? ((IXunitTestMethod)new XunitTestMethod(testMethod.TestClass, test.Method, []),
                    details.TestCaseDisplayName + test.Name[testMethod.MethodName.Length..],
                    UniqueIDGenerator.ForTestCase(testMethod.UniqueID, [typeArgument], null))
                : (details.ResolvedTestMethod, details.TestCaseDisplayName, details.UniqueID);
            testCases.Add(new GradientCheckTestCase(
                method, displayName, uniqueId, details.Explicit, details.SkipExceptions, details.SkipReason, details.SkipType,
                details.SkipUnless, details.SkipWhen, traits, details.SourceFilePath, details.SourceLineNumber, details.Timeout));
        }

        return new(testCases);
    }
}
