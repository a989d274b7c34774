using System.Reflection;
using GradAssert.Cases;

namespace GradAssert.Xunit.v3;

/// <summary>
/// The command that runs one xUnit v3 test again under the runner that runs it now. xUnit v3 test projects are
/// executables whose generated <c>Main</c> picks the runner from its arguments: VSTest's xunit.runner.visualstudio
/// (and xUnit's other runners) start it with <c>-automated</c>; <c>dotnet test</c> in Microsoft Testing Platform's
/// modes with <c>--server</c> or <c>--internal-msbuild-node</c>; without either, a project on the platform's entry point
/// (xunit.v3 4.x, or 3.x with <c>UseMicrosoftTestingPlatformRunner</c>) runs on the platform, any other 3.x project on
/// xUnit's own console runner. Every 3.x executable is marked a platform application and loads the platform, so only
/// the entry point tells the last two apart.
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

        if (arguments.Contains("--server") || arguments.Contains("--internal-msbuild-node") || EntryPointIsThePlatforms())
        {
            return method => TestRunner.TestingPlatformCommand($"--filter-method {method}", testAssembly);
        }

        string framework = TestRunner.TargetFramework(testAssembly) is { } name ? $" --framework {name}" : string.Empty;
        return method => $"dotnet run{framework} -- -method {method}";
    }

    /// <summary>
    /// Whether xUnit generated the platform's entry point, which leaves the platform only for <c>-automated</c>: its
    /// code holds that string, where xUnit's own entry point holds <c>--internal-msbuild-node</c> instead.
    /// </summary>
    private static bool EntryPointIsThePlatforms()
    {
        if (Assembly.GetEntryAssembly()?.EntryPoint?.DeclaringType is not { } entry)
        {
            return false;
        }

        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var method in entry.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Append(entry).SelectMany(t => t.GetMethods(All)))
        {
            foreach (string literal in StringLiterals(method))
            {
                if (literal == "--internal-msbuild-node")
                {
                    return false;
                }

                if (literal == "-automated")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The strings a method loads (<c>ldstr</c>, opcode 0x72, with a user-string token, table 0x70).</summary>
    private static IEnumerable<string> StringLiterals(MethodInfo method)
    {
        byte[] il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        }
        catch (InvalidOperationException)
        {
            yield break;
        }

        for (int i = 0; i + 4 < il.Length; i++)
        {
            int token = BitConverter.ToInt32(il, i + 1);
            if (il[i] != 0x72 || (token >>> 24) != 0x70)
            {
                continue;
            }

            string? literal = null;
            try
            {
                literal = method.Module.ResolveString(token);
            }
            catch (ArgumentException)
            {
            }

            if (literal is not null)
            {
                yield return literal;
            }
        }
    }
}
