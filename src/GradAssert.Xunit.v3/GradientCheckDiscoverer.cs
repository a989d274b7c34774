using GradAssert.Cases;
using Xunit.Sdk;
using Xunit.v3;

namespace GradAssert.Xunit.v3;

/// <summary>Finds <see cref="GradientCheckAttribute"/> methods and makes one test case of each, or one per type argument of a generic method.</summary>
/// <remarks>
/// Uses only what xUnit v3 3.x and 4.x both offer; the test case, whose execution API changed in 4.0, comes from
/// <see cref="TestCaseFactory"/>.
/// </remarks>
public sealed class GradientCheckDiscoverer : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        ArgumentNullException.ThrowIfNull(factAttribute);
        var typeArguments = factAttribute is GradientCheckAttribute attribute ? attribute.TypeArguments : [];
        var display = discoveryOptions.MethodDisplayOrDefault();
        string baseName = factAttribute.DisplayName
            ?? new DisplayNameFormatter(display, discoveryOptions.MethodDisplayOptionsOrDefault()).Format(
                display == TestMethodDisplay.ClassAndMethod ? $"{testMethod.TestClass.TestClassName}.{testMethod.MethodName}" : testMethod.MethodName);
        var traits = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in testMethod.Traits)
        {
            traits[name] = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
        }

        TestCaseDetails Details(IXunitTestMethod method, string displayName, string uniqueId) => new(
            method, displayName, uniqueId, factAttribute.Explicit, factAttribute.SkipExceptions, factAttribute.Skip, factAttribute.SkipType,
            factAttribute.SkipUnless, factAttribute.SkipWhen, traits, factAttribute.SourceFilePath, factAttribute.SourceLineNumber, factAttribute.Timeout);

        if (GradientTestMethod.SignatureProblem(testMethod.Method, typeArguments) is not null)
        {
            // One test that fails saying what fits, when it runs (a test case of our own, unlike xUnit's execution-error
            // case, which xUnit's report writers under Microsoft Testing Platform leave out of the results).
            return new([TestCaseFactory.Create(Details(testMethod, baseName, UniqueIDGenerator.ForTestCase(testMethod.UniqueID, null, null)))]);
        }

        var testCases = new List<IXunitTestCase>();
        foreach (var test in GradientTestMethod.For(testMethod.Method, typeArguments))
        {
            // A generic test is the method closed over its type argument, which xUnit serializes with the method.
            testCases.Add(TestCaseFactory.Create(test.TypeArgument is { } typeArgument
                ? Details(
                    new XunitTestMethod(testMethod.TestClass, test.Method, []),
                    baseName + test.Name[testMethod.MethodName.Length..],
                    UniqueIDGenerator.ForTestCase(testMethod.UniqueID, [typeArgument], null))
                : Details(testMethod, baseName, UniqueIDGenerator.ForTestCase(testMethod.UniqueID, null, null))));
        }

        return new(testCases);
    }
}
