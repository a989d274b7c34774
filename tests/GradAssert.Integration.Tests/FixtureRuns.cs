using System.Collections.Concurrent;
using System.Diagnostics;

namespace GradAssert.Integration.Tests;

/// <summary>The fixture frameworks, and how each is run.</summary>
public enum Framework
{
    /// <summary>tests/Fixtures/XunitFixture (xUnit v2), `dotnet test`.</summary>
    Xunit,

    /// <summary>tests/Fixtures/NUnitFixture (NUnit 4), `dotnet test`.</summary>
    NUnit,

    /// <summary>tests/Fixtures/XunitV3Fixture (xUnit v3), `dotnet test` (VSTest).</summary>
    XunitV3,

    /// <summary>tests/Fixtures/XunitV3Fixture (xUnit v3), `dotnet run`: a Microsoft Testing Platform executable.</summary>
    XunitV3Mtp,

    /// <summary>tests/Fixtures/MSTestFixture (MSTest 4), `dotnet test`.</summary>
    MSTest,

    /// <summary>tests/Fixtures/MSTestMtpFixture (the MSTest fixture's files as MSTest's Microsoft Testing Platform executable), `dotnet run`.</summary>
    MSTestMtp,
}

/// <summary>
/// Builds the fixture projects once, in one `dotnet build` of tests/Fixtures/Fixtures.sln (so no project is built twice
/// at once), then runs them with `--no-build`, each run once per scenario with its own results directory and TRX file,
/// shared by every test that asks for it.
/// </summary>
public sealed class FixtureRuns : IDisposable
{
    /// <summary>GRADASSERT_SEED in the environment scenario.</summary>
    public const int EnvironmentSeed = 424242;

    /// <summary>GRADASSERT_CASES in the environment scenario.</summary>
    public const int EnvironmentCases = 3;

    private readonly string _root = FindRepositoryRoot();
    private readonly string _results = Path.Combine(Path.GetTempPath(), "gradassert-integration-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<Task> _build;
    private readonly ConcurrentDictionary<string, Lazy<Task<TrxResults>>> _runs = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _times = new();

    /// <summary>Prepares the fixture runs; nothing starts until a test asks.</summary>
    public FixtureRuns() => _build = new Lazy<Task>(BuildAsync);

    /// <summary>How long each step took, for the summary of the suite.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Times => _times;

    internal Task<TrxResults> Default(Framework framework) => Run(framework, "default", new Dictionary<string, string>());

    internal Task<TrxResults> WithEnvironment(Framework framework) => Run(framework, "environment", new Dictionary<string, string>
    {
        ["GRADASSERT_SEED"] = EnvironmentSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GRADASSERT_CASES"] = EnvironmentCases.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_results))
            {
                Directory.Delete(_results, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>Runs the fixture once more with the given environment and extra `dotnet test` arguments, such as a filter.</summary>
    internal Task<TrxResults> Run(Framework framework, string scenario, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        _runs.GetOrAdd($"{framework}-{scenario}", key => new Lazy<Task<TrxResults>>(() => RunAsync(key, framework, environment, arguments))).Value;

    private async Task<TrxResults> RunAsync(string key, Framework framework, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        await _build.Value;
        string directory = Path.Combine(_results, key);
        var clock = Stopwatch.StartNew();
        string[] command = framework switch
        {
            Framework.XunitV3Mtp => ["run", "--project", Project(framework), "--no-build", "--", "--results-directory", directory, "--report-xunit-trx", "--report-xunit-trx-filename", $"{key}.trx", .. arguments],
            Framework.MSTestMtp => ["run", "--project", Project(framework), "--no-build", "--", "--results-directory", directory, "--report-trx", "--report-trx-filename", $"{key}.trx", .. arguments],
            _ => ["test", Project(framework), "--no-build", "--results-directory", directory, "--logger", $"trx;LogFileName={key}.trx", .. arguments],
        };
        var (_, console) = await DotnetCli.RunAsync(_root, command, environment, TimeSpan.FromMinutes(3));
        _times[$"dotnet {command[0]} {key}"] = clock.Elapsed;
        string trx = Path.Combine(directory, $"{key}.trx");
        if (!File.Exists(trx))
        {
            throw new InvalidOperationException($"dotnet test wrote no TRX file for {key}:\n{console}");
        }

        return TrxResults.Load(trx, console, xunitReport: framework == Framework.XunitV3Mtp);
    }

    private async Task BuildAsync()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await DotnetCli.RunAsync(
            _root, ["build", "tests/Fixtures/Fixtures.sln", "-c", "Debug", "-nodeReuse:false"], null, TimeSpan.FromMinutes(5));
        _times["dotnet build fixtures"] = clock.Elapsed;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Building the fixtures failed:\n{output}");
        }
    }

    private static string Project(Framework framework) => framework switch
    {
        Framework.Xunit => "tests/Fixtures/XunitFixture/GradAssert.Fixtures.Xunit.csproj",
        Framework.NUnit => "tests/Fixtures/NUnitFixture/GradAssert.Fixtures.NUnit.csproj",
        Framework.MSTest => "tests/Fixtures/MSTestFixture/GradAssert.Fixtures.MSTest.csproj",
        Framework.MSTestMtp => "tests/Fixtures/MSTestMtpFixture/GradAssert.Fixtures.MSTest.Mtp.csproj",
        _ => "tests/Fixtures/XunitV3Fixture/GradAssert.Fixtures.XunitV3.csproj",
    };

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GradAssert.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GradAssert.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Every integration test shares one <see cref="FixtureRuns"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FixtureRunsCollection : ICollectionFixture<FixtureRuns>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fixture runs";
}
