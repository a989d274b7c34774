using GradAssert.Checking;

namespace GradAssert.Cases;

/// <summary>The <see cref="GradientCase"/> whose body is running on this async flow, as the checks' <see cref="ICheckContext"/>.</summary>
internal static class CaseScope
{
    /// <summary>The case running on this flow, or null outside a <c>[GradientCheck]</c> case.</summary>
    public static GradientCase? Current => CheckContext.Current as GradientCase;

    /// <summary>Runs <paramref name="body"/> with <paramref name="case"/> as the running case.</summary>
    public static void Run(GradientCase @case, Action<GradientCase> body) => CheckContext.Run(@case, body);
}
