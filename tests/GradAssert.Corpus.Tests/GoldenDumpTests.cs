using System.Globalization;
using System.Numerics;
using System.Text;
using GradAssert.Corpus.Tests.Corpus;
using Xunit.Abstractions;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// Writes the golden dump: every report the engine gives on the corpus (correct layers and planted bugs, double and
/// float) under the default options with grouping on and off, the course's rule, and each mode, scheme and tolerance
/// on a part of it, as text and JSON, or the exception a case throws. Two dumps of one engine are identical byte for
/// byte, so a change that should not move any verdict or figure shows as an empty <c>diff</c> of the dumps before and
/// after (scripts/golden-dump.sh). A tool, not a test: it runs only when $GOLDEN_DUMP_PATH names the file to write.
/// </summary>
[Trait("Category", "GoldenDump")]
public sealed class GoldenDumpTests(ITestOutputHelper output)
{
    /// <summary>Cases per entry and type: 12, or GOLDEN_DUMP_CASES.</summary>
    private static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("GOLDEN_DUMP_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 12;

    /// <summary>Option sets beside the default, each on every corpus entry's first cases.</summary>
    private static readonly (string Name, GradCheckOptions Options)[] Variants =
    [
        ("grouping off", GradCheckOptions.Default with { Grouping = false }),
        ("course", CorpusRunner.Course),
        ("directional", GradCheckOptions.Default with { Mode = CheckMode.Directional }),
        ("full", GradCheckOptions.Default with { Mode = CheckMode.Full }),
        ("taylor", GradCheckOptions.Default with { Mode = CheckMode.Taylor }),
        ("four-point", GradCheckOptions.Default with { Scheme = DifferenceScheme.FourPoint }),
        ("allclose", GradCheckOptions.Default with { Tolerance = Tolerance.AllClose(1e-5, 1e-3) }),
        ("no second opinion", GradCheckOptions.Default with { SecondOpinion = false }),
        ("layers off", GradCheckOptions.Default with { CheckLayers = false }),
        ("sampled", GradCheckOptions.Default with { MaxElements = 7 }),
    ];

    [SkippableFact]
    public void Writes_every_report_of_the_corpus()
    {
        string? path = Environment.GetEnvironmentVariable("GOLDEN_DUMP_PATH");
        Skip.If(string.IsNullOrEmpty(path), "Writes the golden dump only when GOLDEN_DUMP_PATH is set: run scripts/golden-dump.sh.");
        using var writer = new StreamWriter(path!, append: false, new UTF8Encoding(false));
        int written = 0;
        foreach (var name in CorrectLayers.Names.Concat(CorrectLayers.HardNames))
        {
            written += Dump(writer, "correct", name);
        }

        foreach (var name in BuggyLayers.Names.Concat(BuggyLayers.SmallErrorNames))
        {
            written += Dump(writer, "bug", name);
        }

        foreach (string model in ((IEnumerable<object[]>)LargerModelTests.Models).Select(row => (string)row[0]))
        {
            writer.WriteLine($"==== larger {model} seed 100");
            writer.WriteLine(model.Contains("double", StringComparison.Ordinal) ? Larger<double>(model) : Larger<float>(model));
            written++;
        }

        output.WriteLine($"{written} reports written to {path}");
    }

    private static int Dump(StreamWriter writer, string kind, string name)
    {
        int written = 0;
        for (int i = 0; i < Cases; i++)
        {
            var c = CorpusRunner.Case(i);
            written += Entry<double>(writer, kind, name, c, i);
            written += Entry<float>(writer, kind, name, c, i);
        }

        return written;
    }

    private static int Entry<T>(StreamWriter writer, string kind, string name, GradientCase c, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int written = 0;
        var sets = new List<(string, GradCheckOptions)> { ("default", GradCheckOptions.Default) };
        if (i < 2)
        {
            sets.AddRange(Variants);
        }

        foreach (var (variant, options) in sets)
        {
            // A fresh scenario for each run: the layer is rebuilt from the case, so no run can see another's state.
            var scenario = kind == "correct" ? CorrectLayers.Build<T>(name, c) : BuggyLayers.Build<T>(name, c);
            writer.WriteLine($"==== {kind} {name} {CorpusRunner.TypeName<T>()} seed {c.Seed} [{variant}]");
            writer.WriteLine(Run(scenario.Layer, scenario.Input, options with { Seed = c.Seed }));
            written++;
        }

        return written;
    }

    private static string Larger<T>(string model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (layer, input) = LargerModelTests.Build<T>(model, 100);
        return Run(layer, input, GradCheckOptions.Default);
    }

    private static string Run<T>(ILayer<T> layer, Tensor<T> input, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            var report = GradCheck.Layer(layer, input, options);
            return report.ToString() + "\n" + report.ToJson();
        }
        catch (Exception error) when (error is LayerContractException or ArgumentException)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }
}
