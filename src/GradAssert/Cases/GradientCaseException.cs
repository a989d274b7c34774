namespace GradAssert;

/// <summary>
/// Fails a <c>[GradientCheck]</c> test whose code threw something other than a gradient mismatch or a contract
/// violation. The message names the case that raised it and how to replay it; the original exception is the inner one.
/// </summary>
public sealed class GradientCaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GradientCaseException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The case, and how to replay it.</param>
    public GradientCaseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception the test threw.</summary>
    /// <param name="message">The case, and how to replay it.</param>
    /// <param name="innerException">What the test threw.</param>
    public GradientCaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
