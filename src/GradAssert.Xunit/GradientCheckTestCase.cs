using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GradAssert.Xunit;

/// <summary>
/// One test of a <see cref="GradientCheckAttribute"/> method, for one type argument of a generic method; runs all its
/// cases inside one test.
/// </summary>
public sealed class GradientCheckTestCase : XunitTestCase
{
    private const string TypeArgumentKey = "GradAssert.TypeArgument";

    /// <summary>For deserialization only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public GradientCheckTestCase()
    {
    }

    /// <summary>Creates the test case for <paramref name="testMethod"/>.</summary>
    /// <param name="diagnosticMessageSink">Where diagnostic messages go.</param>
    /// <param name="defaultMethodDisplay">How the method is named in runners.</param>
    /// <param name="defaultMethodDisplayOptions">Options for naming the method.</param>
    /// <param name="testMethod">The <see cref="GradientCheckAttribute"/> method.</param>
    /// <param name="typeArgument">The type argument of a generic method (<see cref="float"/> or <see cref="double"/>), or null.</param>
    public GradientCheckTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, Type? typeArgument = null)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
        TypeArgument = typeArgument;
    }

    /// <summary>The type argument of a generic method, or null.</summary>
    public Type? TypeArgument { get; private set; }

    /// <inheritdoc />
    public override Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink, IMessageBus messageBus, object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource) =>
        new GradientCheckTestCaseRunner(this, DisplayName, SkipReason, constructorArguments, messageBus, aggregator, cancellationTokenSource).RunAsync();

    /// <inheritdoc />
    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue(TypeArgumentKey, TypeArgument?.FullName);
    }

    /// <inheritdoc />
    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        TypeArgument = data.GetValue<string>(TypeArgumentKey) is { Length: > 0 } name ? Type.GetType(name, throwOnError: true) : null;
        base.Deserialize(data);
    }

    /// <inheritdoc />
    protected override void Initialize()
    {
        base.Initialize();
        if (TypeArgument is not null)
        {
            DisplayName += GradAssert.Cases.GradientTestMethod.For(TestMethod.Method.ToRuntimeMethod(), TypeArgument).Name[TestMethod.Method.Name.Length..];
        }
    }

    /// <inheritdoc />
    protected override string GetUniqueID() => TypeArgument is null ? base.GetUniqueID() : $"{base.GetUniqueID()}<{TypeArgument.FullName}>";
}
