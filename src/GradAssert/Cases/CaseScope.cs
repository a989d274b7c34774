using GradAssert.Checking;

namespace GradAssert.Cases;

/// <summary>The <see cref="GradientCase"/> whose body is running on this async flow, as the checks' <see cref="ICheckContext"/>.</summary>
internal static class CaseScope
{
    /// <summary>The case running on this flow, or null outside a <c>[GradientCheck]</c> case.</summary>
    public static GradientCase? Current => CheckContext.Current as GradientCase;

    /// <summary>
    /// Starts <paramref name="body"/> with <paramref name="case"/> as the running case and returns its task. The case
    /// stays the running one after every await inside the body: an async method carries the flow it started on.
    /// </summary>
    public static Task RunAsync(GradientCase @case, Func<GradientCase, Task> body)
    {
        Task? running = null;
        CheckContext.Run(@case, c => running = body(c) ?? Task.CompletedTask);
        return running!;
    }
}
