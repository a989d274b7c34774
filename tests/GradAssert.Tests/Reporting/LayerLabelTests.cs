using GradAssert.Engine.Running;
using GradAssert.Tests.Support;

namespace GradAssert.Tests.Reporting;

/// <summary>
/// The labels rows and blame use: unique within a model whatever the user named the layers, and unambiguous about
/// nesting. Plain names keep the labels they always had (<c>Dense#1</c>, <c>block/Dense</c>).
/// </summary>
public sealed class LayerLabelTests
{
    private static readonly Tensor<double> Input = new GradientCase(4).Normal<double>(3, 4);

    [Fact]
    public void A_users_name_that_looks_like_the_numbering_gets_a_label_of_its_own()
    {
        var model = new Sequential<double>(
            new Scale<double>(4, "Dense"), new Scale<double>(4, "Dense") { Bug = 2 }, new Scale<double>(4, "Dense#2"));

        var report = GradCheck.Layer(model, Input);

        LocalLabels(report).ShouldBe(["Dense#1", "Dense#3", "Dense#2"]);
        report.Blamed.ShouldBe(["Dense#3"]);
    }

    [Fact]
    public void A_users_name_taken_by_the_numbering_keeps_its_name_and_the_numbering_moves_on()
    {
        var model = new Sequential<double>(
            new Scale<double>(4, "Dense#1"), new Scale<double>(4, "Dense"), new Scale<double>(4, "Dense"), new Scale<double>(4, "Dense#1"));

        LocalLabels(GradCheck.Layer(model, Input)).ShouldBe(["Dense#1#1", "Dense#2", "Dense#3", "Dense#1#2"]);
    }

    [Fact]
    public void A_slash_in_a_users_name_is_quoted_so_it_cannot_pass_for_nesting()
    {
        var model = new Sequential<double>(
            new Scale<double>(4, "enc/Dense") { Bug = 2 },
            new Sequential<double>("enc", new Scale<double>(4, "Dense")));

        var report = GradCheck.Layer(model, Input);

        LocalLabels(report).ShouldBe(["\"enc/Dense\"", "enc/Dense"]);
        report.Blamed.ShouldBe(["\"enc/Dense\""]);
    }

    [Fact]
    public void The_nested_layer_is_blamed_by_its_path_and_not_the_layer_with_the_slash()
    {
        var model = new Sequential<double>(
            new Scale<double>(4, "enc/Dense"),
            new Sequential<double>("enc", new Scale<double>(4, "Dense") { Bug = 2 }));

        GradCheck.Layer(model, Input).Blamed.ShouldBe(["enc/Dense"]);
    }

    [Fact]
    public void A_name_that_starts_with_a_quote_is_quoted_too()
    {
        var model = new Sequential<double>(new Scale<double>(4, "\"enc/Dense\""), new Scale<double>(4, "enc/Dense"), new Scale<double>(4, "say \"hi\""));

        LocalLabels(GradCheck.Layer(model, Input)).ShouldBe(["\"\"\"enc/Dense\"\"\"", "\"enc/Dense\"", "say \"hi\""]);
    }

    [Fact]
    public void A_leaf_and_a_nested_model_of_the_same_name_are_numbered_apart()
    {
        var model = new Sequential<double>(new Scale<double>(4, "enc"), new Sequential<double>("enc", new Scale<double>(4, "Dense")));

        LocalLabels(GradCheck.Layer(model, Input)).ShouldBe(["enc#1", "enc#2/Dense"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Labels_are_unique_in_any_tree_of_colliding_names(int seed)
    {
        string[] names = ["a", "a#1", "a#2", "a/a", "a#1/a", "\"a", "\"a/a\"", "/", "#", "a#1#1"];
        var random = new Random(seed);
        for (int trial = 0; trial < 50; trial++)
        {
            var model = RandomModel(random, names, depth: 0);

            var labels = LayerLabels.Leaves(model, []).Select(l => l.Label).ToArray();

            labels.Distinct(StringComparer.Ordinal).Count().ShouldBe(labels.Length, string.Join(" | ", labels));
        }
    }

    private static Sequential<double> RandomModel(Random random, string[] names, int depth)
    {
        var layers = new ILayer<double>[random.Next(1, 6)];
        for (int i = 0; i < layers.Length; i++)
        {
            string name = names[random.Next(names.Length)];
            layers[i] = depth < 2 && random.Next(3) == 0 ? RandomModel(random, names, depth + 1, name) : new Scale<double>(4, name);
        }

        return new Sequential<double>(depth == 0 ? "model" : names[random.Next(names.Length)], layers);
    }

    private static Sequential<double> RandomModel(Random random, string[] names, int depth, string name)
    {
        var inner = RandomModel(random, names, depth);
        return new Sequential<double>(name, inner.Layers.ToArray());
    }

    private static string[] LocalLabels(GradientReport report) =>
        report.Tensors.Where(t => t.Scope == CheckScope.Local).Select(t => t.Layer).Distinct().ToArray();
}
