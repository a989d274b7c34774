using GradAssert.Corpus.Tests.Sensitivity;
using GradAssert.Examples.Layers.Course;

namespace GradAssert.Corpus.Tests;

/// <summary>
/// The sensitivity table's default column never passes off a differences figure as the exact reference's: a row that
/// fell back marks its cell with the reason. No layer of the table falls back as a whole, so a course layer shows it.
/// </summary>
[Trait("Category", "Sensitivity")]
public sealed class ReferenceCountTests
{
    private static readonly Tensor<double> Input = new([2, 3], [-1.5, -0.5, 0.25, 0.5, 1, 2]);

    [Fact]
    public void A_layer_that_does_not_carry_marks_its_cell_with_the_reason()
    {
        var count = new ReferenceCount().Add(Row(new Sigmoid(), "input"));

        count.ShouldBe(new ReferenceCount(1, 1, "Sigmoid is not generic: an ILayer<double>-only class"));
        count.Mark("3e-10").ShouldBe("3e-10 (differences: Sigmoid is not generic: an ILayer<double>-only class)");
    }

    [Fact]
    public void A_layer_the_exact_reference_judged_leaves_its_cell_as_it_is()
    {
        var count = new ReferenceCount().Add(Row(new Tanh<double>(), "input"));

        count.ShouldBe(new ReferenceCount(1, 0, null));
        count.Mark("1e-12").ShouldBe("1e-12");
    }

    [Fact]
    public void Some_rows_by_differences_are_counted_in_the_cell()
    {
        var count = new ReferenceCount().Add(Row(new Tanh<double>(), "input")).Plus(new ReferenceCount().Add(Row(new Sigmoid(), "input")));

        count.Mark("1e-12").ShouldBe("1e-12 (1 of 2 rows by differences: Sigmoid is not generic: an ILayer<double>-only class)");
    }

    private static TensorCheck Row(ILayer<double> layer, string tensor) =>
        GradCheck.Layer(layer, Input, new GradCheckOptions { Seed = 1 }).Tensors.Single(t => t.Tensor == tensor);
}
