// Compiled into the adapters whose tests can run under more than one runner (GradAssert.Xunit.v3, GradAssert.MSTest),
// each as an internal type of its own, so that a failure's replay line is the command of the runner in use.
using System.Reflection;
using System.Runtime.Versioning;

namespace GradAssert.Cases;

/// <summary>What runs the tests of this process, as far as a replay line needs to know, and the commands that rerun one.</summary>
internal static class TestRunner
{
    /// <summary>
    /// True when VSTest's test host runs the tests in its own process (<c>dotnet test</c>, the IDEs' VSTest runs): its
    /// <c>testhost</c> assembly is the entry assembly.
    /// </summary>
    public static bool InVSTestHost =>
        Assembly.GetEntryAssembly()?.GetName().Name is { } name && name.StartsWith("testhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when Microsoft Testing Platform runs the tests: not under VSTest's test host, and the executable is a platform
    /// application (the platform's build marks it with <c>[assembly: AssemblyMetadata("Microsoft.Testing.Platform.Application", "true")]</c>)
    /// or was started in one of the platform's server modes (<c>--server</c>, <c>--internal-msbuild-node</c>), as a
    /// project that also has another runner can be. The platform's assembly being loaded says nothing: an xUnit v3 3.x
    /// executable loads it under xUnit's own console runner too.
    /// </summary>
    public static bool OnTestingPlatform =>
        !InVSTestHost
        && (Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>().Any(a => a is { Key: "Microsoft.Testing.Platform.Application", Value: "true" }) == true
            || Arguments.Contains("--server") || Arguments.Contains("--internal-msbuild-node"));

    /// <summary>The command line the process was started with, without the program.</summary>
    public static IReadOnlyList<string> Arguments => Environment.GetCommandLineArgs().Skip(1).ToArray();

    /// <summary>
    /// How a Microsoft Testing Platform executable runs one test again with <paramref name="options"/> (its filter):
    /// <c>dotnet test</c> with them when <c>dotnet test</c> started it (the .NET 10 SDK's mode for the platform passes
    /// <c>--server dotnettestcli</c>), <c>dotnet run</c> for the test assembly's target framework otherwise.
    /// </summary>
    /// <param name="options">The platform's options that select the test, such as <c>--filter-method Namespace.Class.Method</c>.</param>
    /// <param name="testAssembly">The test project's assembly.</param>
    public static string TestingPlatformCommand(string options, Assembly testAssembly)
    {
        var arguments = Arguments;
        int server = arguments.ToList().IndexOf("--server");
        bool dotnetTest = server >= 0 && server + 1 < arguments.Count && arguments[server + 1] == "dotnettestcli";
        return dotnetTest ? $"dotnet test {options}"
            : TargetFramework(testAssembly) is { } framework ? $"dotnet run --framework {framework} -- {options}"
            : $"dotnet run -- {options}";
    }

    /// <summary>
    /// The assembly's target framework as <c>dotnet run --framework</c> takes it (<c>net8.0</c>: a project with several
    /// needs it), or null when it does not say. Not the runtime's version: a net8.0 build may run on a newer runtime.
    /// </summary>
    public static string? TargetFramework(Assembly assembly)
    {
        string? name = assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        const string Prefix = ".NETCoreApp,Version=v";
        return name is not null && name.StartsWith(Prefix, StringComparison.Ordinal) ? "net" + name[Prefix.Length..] : null;
    }
}
