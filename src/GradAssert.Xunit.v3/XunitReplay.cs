using System.Reflection;
using GradAssert.Cases;

namespace GradAssert.Xunit.v3;

/// <summary>
/// The command that runs one xUnit v3 test again under the runner that runs it now: xUnit v3 test projects are
/// executables, started by VSTest's xunit.runner.visualstudio (which passes <c>-automated</c>), by Microsoft Testing
/// Platform (<c>dotnet run</c>, or <c>dotnet test</c> in the platform's mode; always so with xunit.v3 4.x), or by
/// xUnit's own console runner (3.x's <c>dotnet run</c> without <c>UseMicrosoftTestingPlatformRunner</c>).
/// </summary>
internal static class XunitReplay
{
    /// <summary>The command for <see cref="GradientPropertySettings.ReplayCommand"/>: null under VSTest, whose <c>dotnet test --filter</c> is the default.</summary>
    /// <param name="testAssembly">The test project's assembly, whose target framework <c>dotnet run</c> needs.</param>
    public static Func<string, string>? Command(Assembly testAssembly)
    {
        var arguments = TestRunner.Arguments;
        if (arguments.Contains("-automated") || arguments.Contains("@@"))
        {
            return null;
        }

        if (TestRunner.OnTestingPlatform)
        {
            return method => TestRunner.TestingPlatformCommand($"--filter-method {method}", testAssembly);
        }

        string framework = TestRunner.TargetFramework(testAssembly) is { } name ? $" --framework {name}" : string.Empty;
        return method => $"dotnet run{framework} -- -method {method}";
    }
}
