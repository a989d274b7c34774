using System.Reflection;
using Xunit.Sdk;

namespace GradAssert.Integration.Tests;

/// <summary>One row per fixture run: every framework, or the ones named.</summary>
/// <param name="only">The frameworks; every one when empty.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FrameworksAttribute(params Framework[] only) : DataAttribute
{
    /// <summary>The frameworks named, or every one.</summary>
    public IReadOnlyList<Framework> Only { get; } = only;

    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        (Only.Count > 0 ? Only : Enum.GetValues<Framework>()).Select(f => new object[] { f });
}
