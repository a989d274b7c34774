using System.Diagnostics;
using GradAssert.Fuzz.Cli;

namespace GradAssert.Fuzz;

/// <summary>
/// The fuzz harness: runs correct and broken layers of many kinds over seeded cases, at scales the corpus does not
/// cover, and counts false alarms, missed bugs and disagreements between grouping on and off (issue 22, item 7).
/// </summary>
internal static class Program
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static int Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(FuzzArguments.Usage);
            return 0;
        }

        FuzzArguments arguments;
        try
        {
            arguments = FuzzArguments.Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine(FuzzArguments.Usage);
            return 2;
        }

        if (arguments.List)
        {
            ListKinds();
            return 0;
        }

        string command = $"dotnet run -c {Configuration} --project tests/GradAssert.Fuzz -- " + string.Join(' ', args);
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        int done = 0, total = arguments.Selection.Kinds.Count;
        void OnCase(CaseResult result)
        {
            if (arguments.Verbose && !result.Outcome.Behaved())
            {
                Console.WriteLine(CaseDetails.Describe(result));
                Console.WriteLine();
            }
        }

        void OnKind(string kind, TimeSpan elapsed) =>
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{++done}/{total}] {kind}: {elapsed.TotalSeconds:F1} s"));

        if (arguments.Subset)
        {
            total = Catalogue.Kinds<double>().Count;
            Console.Error.WriteLine("The fixed-seed subset: " + FixedSubset.Description);
        }

        var results = arguments.Subset ? FixedSubset.Run(OnCase, OnKind) : FuzzRunner.Run(arguments.Selection, OnCase, OnKind);

        string table = FuzzTable.Render(results, new RunInfo(command, Git.ShortHead(), started, watch.Elapsed));
        if (arguments.Out is { } output)
        {
            File.WriteAllText(output, table);
            Console.Error.WriteLine($"Table written to {output}");
        }
        else
        {
            Console.WriteLine(table);
        }

        if (arguments.BaselineOut is { } baseline)
        {
            Baseline.Write(baseline, Baseline.Lines(results), command);
            Console.Error.WriteLine($"Baseline written to {baseline}");
        }

        var all = Tally.Of(results);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{all.Cases} cases ({all.Excluded} excluded) in {watch.Elapsed.TotalMinutes:F1} min: {all.FalseAlarms} false alarms, {all.Missed} missed, {all.WrongTensor} wrong tensor, {all.Contract} contract, {all.Errors} errors, {all.Disagreements} disagreements, {all.TextDiffers} text differs"));
        return 0;
    }

    /// <summary>Prints each kind with its classes, types and variants.</summary>
    private static void ListKinds()
    {
        foreach (var kind in Catalogue.Kinds<double>())
        {
            string types = kind.Types == FloatTypes.Both ? "double, float" : kind.Types.ToString().ToLowerInvariant();
            Console.WriteLine($"{kind.Name,-34} {string.Join(", ", kind.Classes.Select(c => c.Label())),-12} {types,-14} {string.Join(", ", kind.Variants)}");
        }
    }
}
