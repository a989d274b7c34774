using System.ComponentModel;
using Xunit.v3;

#if XUNIT4
namespace GradAssert.Xunit.v3.Xunit4;
#else
namespace GradAssert.Xunit.v3;
#endif

/// <summary>
/// One test of a <see cref="GradientCheckAttribute"/> method (for one type argument of a generic method); runs all its
/// cases inside one test, through xUnit's own test runner: class construction, fixtures, <c>IAsyncLifetime</c>,
/// before/after attributes, output and the timeout stay xUnit's. How it runs itself changed in xUnit 4.0: this file
/// holds what both versions share, and GradAssert.Xunit.v3.Xunit4 compiles it again against xUnit 4 with its own
/// <c>Run</c>.
/// </summary>
public sealed partial class GradientCheckTestCase : XunitTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>For deserialization only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public GradientCheckTestCase()
    {
    }

    /// <summary>Creates the test case; <see cref="GradientCheckDiscoverer"/> calls this (through the factory for the xUnit in use).</summary>
    /// <param name="details">What the discoverer found.</param>
    internal GradientCheckTestCase(TestCaseDetails details)
        : base(
            details?.TestMethod!, details!.DisplayName, details.UniqueId, details.Explicit, details.SkipExceptions, details.SkipReason, details.SkipType,
            details.SkipUnless, details.SkipWhen, details.Traits, testMethodArguments: null, details.SourceFilePath, details.SourceLineNumber, details.Timeout)
    {
    }
}
