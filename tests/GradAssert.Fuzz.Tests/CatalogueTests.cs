namespace GradAssert.Fuzz.Tests;

/// <summary>The catalogue of kinds: enough of them, every class covered, and every case replayable and able to show its bug.</summary>
public sealed class CatalogueTests
{
    [Fact]
    public void There_are_at_least_sixty_kinds_with_unique_names_a_shell_takes_as_they_are()
    {
        var names = Catalogue.Kinds<double>().Select(k => k.Name).ToList();

        names.Count.ShouldBeGreaterThanOrEqualTo(60);
        names.ShouldBeUnique();
        names.ShouldAllBe(n => n.All(ch => char.IsAsciiLetterOrDigit(ch) || "@+-._".Contains(ch)));
    }

    [Fact]
    public void Every_issue_class_has_kinds_and_every_kind_a_broken_variant()
    {
        var kinds = Catalogue.Kinds<double>();

        Enum.GetValues<IssueClass>().ShouldAllBe(c => kinds.Any(k => k.Classes.Contains(c)));
        kinds.ShouldAllBe(k => k.Bugs.Count >= 1 && k.Variants[0] == FuzzKind<double>.Correct);
    }

    [Fact]
    public void Every_kind_builds_the_same_case_twice_from_one_seed_in_each_of_its_types()
    {
        AllBuildAlike<double>();
        AllBuildAlike<float>();
    }

    [Fact]
    public void Every_broken_variant_changes_a_gradient_on_some_of_the_first_ten_seeds_in_each_of_its_types()
    {
        var silent = Silent<double>().Concat(Silent<float>()).ToList();

        silent.ShouldBeEmpty();
    }

    private static void AllBuildAlike<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        foreach (var kind in Catalogue.Kinds<T>().Where(k => k.Types.HasFlag(FloatTypeNames.Of<T>())))
        {
            var first = kind.Build(FuzzKind<T>.Correct, 3).Probe(11);
            var second = kind.Build(FuzzKind<T>.Correct, 3).Probe(11);
            GradientProbe.Differing(first, second).ShouldBeEmpty($"{kind.Name} ({FloatTypeNames.Name<T>()}) built twice from seed 3");
        }
    }

    private static IEnumerable<string> Silent<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        from kind in Catalogue.Kinds<T>()
        where kind.Types.HasFlag(FloatTypeNames.Of<T>())
        from bug in kind.Bugs
        where Enumerable.Range(1, 10).All(seed => GradientProbe.BrokenTensors(kind, bug.Name, seed).Count == 0)
        select $"{kind.Name} {bug.Name} {FloatTypeNames.Name<T>()}";
}
