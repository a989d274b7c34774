namespace GradAssert.Fuzz.Cli;

/// <summary>The harness's command line, parsed.</summary>
/// <param name="Selection">The cases to run.</param>
/// <param name="Out">Where to write the Markdown table, or null to print it.</param>
/// <param name="BaselineOut">Where to write the misbehaving cases' lines, or null.</param>
/// <param name="Verbose">Whether to print every misbehaving case in full as it ends.</param>
/// <param name="List">Whether to list the kinds and stop.</param>
/// <param name="Subset">Whether to run the fixed-seed subset of the tests instead of <paramref name="Selection"/>.</param>
internal sealed record FuzzArguments(FuzzSelection Selection, string? Out, string? BaselineOut, bool Verbose, bool List, bool Subset)
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/GradAssert.Fuzz -- [options]

          --kinds all|NAME,…      the kinds to run (all by default); a name that is not exactly a kind's runs every kind it
                                  starts (case-insensitive): --kinds MaxPool runs every max-pool kind
          --class LABEL,…         only the kinds of these issue-22 classes: ordinary, A, B, C, D, E, F, named
          --variant correct|broken|NAME
                                  only the correct variants, only the broken ones, or the variant of that name
          --seeds N | FIRST..LAST the seeds (1..30 by default)
          --grouping on|off|both  each case with grouping on, off, or both (the default; disagreements need both)
          --type double|float|both
          --reference differences|auto|exact|both
                                  what each check compares the backward with (auto, the check's default: the exact
                                  reference where the layer carries to the dual type; differences: finite differences
                                  alone, the default before it)
          --out FILE              write the Markdown table to FILE (printed otherwise)
          --baseline FILE         write every misbehaving case as one line, the format of
                                  tests/GradAssert.Fuzz.Tests/baseline.txt
          --verbose               print every false alarm, miss, wrong tensor and exception with the first lines of its
                                  report or exception and the line that replays it
          --subset                run the fixed-seed subset of tests/GradAssert.Fuzz.Tests instead (the options above
                                  that choose cases are ignored); with --baseline, rewrites its baseline
          --list                  list the kinds, their classes, types and variants, and stop
          --help                  print this
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a sentence for anything it cannot read.</summary>
    public static FuzzArguments Parse(IReadOnlyList<string> args)
    {
        var kinds = Catalogue.Kinds<double>();
        string kindsText = "all", groupingText = "both", typeText = "both", seedsText = "1..30";
        string? classText = null, variant = null, output = null, baseline = null;
        string referenceText = "auto";
        bool verbose = false, list = false, subset = false;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--kinds": kindsText = Value(args, ref i); break;
                case "--class": classText = Value(args, ref i); break;
                case "--variant": variant = Value(args, ref i); break;
                case "--seeds": seedsText = Value(args, ref i); break;
                case "--grouping": groupingText = Value(args, ref i); break;
                case "--type": typeText = Value(args, ref i); break;
                case "--reference": referenceText = Value(args, ref i); break;
                case "--out": output = Value(args, ref i); break;
                case "--baseline": baseline = Value(args, ref i); break;
                case "--verbose": verbose = true; break;
                case "--list": list = true; break;
                case "--subset": subset = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        var names = Kinds(kinds.Select(k => k.Name).ToList(), kindsText);
        if (classText is not null)
        {
            var labels = classText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = labels.Where(l => !Enum.GetValues<IssueClass>().Any(c => c.Label().Equals(l, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (unknown.Length > 0)
            {
                throw new ArgumentException($"No class '{string.Join(", ", unknown)}': the classes are ordinary, A, B, C, D, E, F, named.");
            }

            names = [.. names.Where(n => kinds.First(k => k.Name == n).Classes.Any(c => labels.Contains(c.Label(), StringComparer.OrdinalIgnoreCase)))];
        }

        var (first, last) = Seeds(seedsText);
        bool[] groupings = groupingText switch
        {
            "on" => [true],
            "off" => [false],
            "both" => [true, false],
            _ => throw new ArgumentException($"--grouping takes on, off or both, not '{groupingText}'."),
        };
        var types = typeText switch
        {
            "double" => FloatTypes.Double,
            "float" => FloatTypes.Float,
            "both" => FloatTypes.Both,
            _ => throw new ArgumentException($"--type takes double, float or both, not '{typeText}'."),
        };
        var reference = referenceText switch
        {
            "differences" => Reference.Differences,
            "auto" => Reference.Auto,
            "exact" => Reference.Exact,
            "both" => Reference.Both,
            _ => throw new ArgumentException($"--reference takes differences, auto, exact or both, not '{referenceText}'."),
        };
        return new FuzzArguments(new FuzzSelection(names, variant, types, first, last, groupings, reference), output, baseline, verbose, list, subset);
    }

    /// <summary>The kinds <paramref name="text"/> names, in catalogue order.</summary>
    private static List<string> Kinds(IReadOnlyList<string> all, string text)
    {
        if (text == "all")
        {
            return [.. all];
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var exact = all.Where(n => n.Equals(item, StringComparison.OrdinalIgnoreCase)).ToArray();
            var matches = exact.Length > 0 ? exact : all.Where(n => n.StartsWith(item, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (matches.Length == 0)
            {
                throw new ArgumentException($"No kind is or starts with '{item}'; --list shows them.");
            }

            chosen.UnionWith(matches);
        }

        return [.. all.Where(chosen.Contains)];
    }

    private static (int First, int Last) Seeds(string text)
    {
        string[] parts = text.Split("..");
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int first)
            && int.TryParse(parts[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int last)
            && first <= last)
        {
            return (first, last);
        }

        throw new ArgumentException($"--seeds takes N or FIRST..LAST with FIRST <= LAST, not '{text}'.");
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
