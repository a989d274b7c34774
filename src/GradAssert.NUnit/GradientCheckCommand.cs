using GradAssert.Cases;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace GradAssert.NUnit;

/// <summary>Runs a <see cref="GradientCheckAttribute"/> method once per case through the property engine.</summary>
internal sealed class GradientCheckCommand : DelegatingTestCommand
{
    private readonly GradientPropertySettings _settings;

    public GradientCheckCommand(TestCommand innerCommand, GradientPropertySettings settings)
        : base(innerCommand) =>
        _settings = settings;

    public override TestResult Execute(TestExecutionContext context)
    {
        var method = Test.Method?.MethodInfo ?? throw new InvalidOperationException($"{Test.FullName} is not a test method.");
        var fixture = Test.TypeInfo?.Type ?? method.DeclaringType!;
        try
        {
            // NUnit closes a generic method over the type argument the builder gave it.
            var test = method.IsGenericMethod
                ? GradientTestMethod.For(method.GetGenericMethodDefinition(), method.GetGenericArguments()[0])
                : GradientTestMethod.For(method, typeArgument: null);
            object? instance = context.TestObject;

            // [CancelAfter] cancels this token and fails the test. Off the test thread, an async case's
            // continuations never wait for a thread that is blocked here.
            var token = context.CancellationToken;
            var result = Task.Run(() => GradientProperty.RunAsync(test.FullName(fixture), _settings with { Progress = context.OutWriter.WriteLine }, test, instance, cancellationToken: token), token)
                .GetAwaiter().GetResult();
            if (result.Failure is { } failure)
            {
                // The user's own exception is an error; a wrong gradient, a broken contract or no check at all a failure.
                var state = failure is GradientCaseException { InnerException: not null } ? ResultState.Error : ResultState.Failure;
                context.CurrentResult.SetResult(state, Describe(failure), ExceptionHelper.BuildStackTrace(failure));
                if (result.ChartPath is { } chart)
                {
                    global::NUnit.Framework.TestContext.AddTestAttachment(chart, "Gradient check chart of the smallest failing case");
                }
            }
            else
            {
                context.OutWriter.WriteLine(result.Summary);
                context.CurrentResult.SetResult(ResultState.Success);
            }
        }
        catch (Exception error)
        {
            context.CurrentResult.RecordException(error);
        }

        return context.CurrentResult;
    }

    // Like NUnit's own rendering of an exception, without the exception's properties (the report would appear twice).
    private static string Describe(Exception failure)
    {
        string text = $"{failure.GetType().FullName} : {failure.Message}";
        return failure.InnerException is { } inner ? $"{text}\n  ----> {inner.GetType().FullName} : {inner.Message}" : text;
    }
}
