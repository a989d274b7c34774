using System.Numerics;
using GradAssert.Corpus.Tests.Corpus;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// The planted bugs over the same seeded random cases as their correct layers: the default options must fail the
/// check, on the tensor(s) the bug touches only (or blame the one layer that holds it), in at least 90% of the cases
/// where the bug can change a gradient. Cases where it cannot (such as batch 1 for a batch reduction) are counted apart.
/// </summary>
[Trait("Category", "Corpus")]
public sealed class PlantedBugCorpusTests
{
    private const double Target = 0.9;

    public static TheoryData<string> Bugs => new(BuggyLayers.Names);

    public static TheoryData<string> SmallErrors => new(BuggyLayers.SmallErrorNames);

    [Theory]
    [MemberData(nameof(Bugs))]
    [MemberData(nameof(SmallErrors))]
    public void Planted_bug_is_caught_on_the_right_tensor_in_double(string bug) => ShouldBeCaught<double>(bug);

    [Theory]
    [MemberData(nameof(Bugs))]
    [MemberData(nameof(SmallErrors))]
    public void Planted_bug_is_caught_on_the_right_tensor_in_float(string bug) => ShouldBeCaught<float>(bug);

    private static void ShouldBeCaught<T>(string bug) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tally = CorpusRunner.Bug<T>(bug, CorpusRunner.Default, "default");

        tally.Showable.ShouldBeGreaterThanOrEqualTo(CorpusRunner.Cases / 4, tally.Describe());
        tally.DetectionRate.ShouldBeGreaterThanOrEqualTo(Target, tally.Describe());
    }
}
