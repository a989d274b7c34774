using System.Runtime.ExceptionServices;

namespace GradAssert.Engine.Evidence;

/// <summary>
/// Adds context to exceptions thrown by the user's own layers (which layer, Forward or Backward, during which probe or
/// which tensor's check) without changing their type or losing their stack trace: the exception is rethrown as a new
/// one of the same type whose message starts with the context, whose inner exception is the original, and whose
/// stack trace shows the original frames. A type without a (message, inner) constructor is rethrown as it was, with the
/// context in <see cref="Exception.Data"/> under <see cref="ContextKey"/>.
/// </summary>
internal static class UserCode
{
    /// <summary>The <see cref="Exception.Data"/> key of the context.</summary>
    public const string ContextKey = "GradAssert.Context";

    /// <summary>Runs <paramref name="call"/>; an exception it throws gains <paramref name="context"/>.</summary>
    public static TResult Run<TResult>(Func<TResult> call, Func<string> context)
    {
        try
        {
            return call();
        }
        catch (Exception error) when (Needs(error))
        {
            throw WithContext(error, context());
        }
    }

    /// <summary>An exception of the same type with <paramref name="context"/> in front of its message, or the original.</summary>
    public static Exception WithContext(Exception error, string context)
    {
        try
        {
            if (Activator.CreateInstance(error.GetType(), $"{context}: {error.Message}", error) is Exception copy && copy.GetType() == error.GetType())
            {
                copy.Data[ContextKey] = context;
                return error.StackTrace is { Length: > 0 } stack ? ExceptionDispatchInfo.SetRemoteStackTrace(copy, stack) : copy;
            }
        }
        catch (Exception construction) when (construction is MissingMethodException or MemberAccessException or ArgumentException or System.Reflection.TargetInvocationException)
        {
            // No usable (message, inner) constructor: keep the original.
        }

        error.Data[ContextKey] = context;
        ExceptionDispatchInfo.Capture(error).Throw();
        throw error; // unreachable
    }

    /// <summary>Exceptions that already say what they are about, or that must not be touched, pass through as they are.</summary>
    private static bool Needs(Exception error) =>
        error is not (LayerContractException or OperationCanceledException or OutOfMemoryException or InsufficientExecutionStackException)
        && !error.Data.Contains(ContextKey);
}
