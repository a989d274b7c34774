using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GradAssert.Tests.Architecture;

/// <summary>
/// The folders of src/GradAssert are layers, and each may use only the layers below it:
/// Tensors ← Layers ← Exact ← Engine ← Reporting ← Checking ← Cases, and inside Engine
/// Evidence ← Judging ← Comparing ← Planning ← Running. The compiler's semantic model finds every type a file names (or
/// whose members it calls) and the folder that declares it; a reference upward fails this test.
/// </summary>
public sealed class LayeringTests
{
    private static readonly CSharpParseOptions Parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);

    private static readonly string[] Order =
    [
        "Tensors", "Layers", "Exact", "Engine/Evidence", "Engine/Judging", "Engine/Comparing", "Engine/Planning", "Engine/Running", "Reporting", "Checking", "Cases",
    ];

    [Fact]
    public void Every_folder_of_the_core_uses_only_the_folders_below_it()
    {
        var (compilation, trees) = Core();
        var home = new Dictionary<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var (tree, folder) in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                home[model.GetDeclaredSymbol(declaration)!] = folder;
            }
        }

        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (tree, folder) in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                for (var type = symbol as INamedTypeSymbol ?? symbol?.ContainingType; type is not null; type = type.ContainingType)
                {
                    if (home.TryGetValue(type.OriginalDefinition, out string? target) && Array.IndexOf(Order, target) > Array.IndexOf(Order, folder))
                    {
                        violations.Add($"{Relative(tree)} ({folder}) uses {type.Name} ({target})");
                    }
                }
            }
        }

        violations.ShouldBeEmpty();
        home.Values.Distinct().OrderBy(f => Array.IndexOf(Order, f)).ShouldBe(Order);
    }

    [Fact]
    public void Each_layer_of_the_engine_has_a_namespace_of_its_own()
    {
        string root = Path.Combine(RepositoryRoot(), "src", "GradAssert", "Engine");
        var wrong = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string layer = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0];
            string text = File.ReadAllText(file);

            // Public types keep the namespace users import; everything else lives in its layer's namespace.
            if (!text.Contains($"namespace GradAssert.Engine.{layer};", StringComparison.Ordinal) && !text.Contains("namespace GradAssert;", StringComparison.Ordinal))
            {
                wrong.Add(Path.GetRelativePath(root, file));
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void The_core_shows_its_internals_to_no_adapter()
    {
        var friends = typeof(Tensor<>).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToArray();

        friends.ShouldNotBeEmpty();
        friends.ShouldAllBe(name => name.EndsWith(".Tests", StringComparison.Ordinal) || name == "GradAssert.Benchmarks");
    }

    private static (CSharpCompilation Compilation, List<(SyntaxTree Tree, string Folder)> Trees) Core()
    {
        string root = Path.Combine(RepositoryRoot(), "src", "GradAssert");
        var trees = new List<(SyntaxTree, string)>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file);
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            string folder = parts[0] == "Engine" && parts.Length > 2 ? $"Engine/{parts[1]}" : parts[0];
            if (folder is "obj" or "bin")
            {
                continue;
            }

            Order.ShouldContain(folder, $"{relative} is outside the known layers");
            trees.Add((CSharpSyntaxTree.ParseText(File.ReadAllText(file), Parse, file), folder));
        }

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(MathNet.Numerics.LinearAlgebra.Matrix<>).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var usings = new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading", "System.Threading.Tasks" };
        var implicitUsings = CSharpSyntaxTree.ParseText(string.Concat(usings.Select(u => $"global using global::{u};\n")), Parse);
        var compilation = CSharpCompilation.Create(
            "LayeringCheck",
            trees.Select(t => t.Item1).Append(implicitUsings),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToArray();
        errors.ShouldBeEmpty("the core must compile here for its references to resolve");
        return (compilation, trees);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GradAssert.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GradAssert.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Relative(SyntaxTree tree) => Path.GetRelativePath(RepositoryRoot(), tree.FilePath);
}
